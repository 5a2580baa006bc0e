import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { portalDefaults } from "./portal-defaults.ts";
import { retirementOf, type PortalConfig, type SiteRecord } from "./records.ts";
import { toolsRepoRoot } from "./workspace.ts";

// TypeScript checks that these list exactly the keys of the interfaces (a missing or extra key
// does not compile); the tests check that the interfaces have exactly the schemas' properties.
const siteKeys: Record<keyof SiteRecord, true> = {
  slug: true,
  name: true,
  short_name: true,
  type: true,
  description: true,
  address: true,
  phone: true,
  whatsapp: true,
  email: true,
  service_hours: true,
  map: true,
  social: true,
  logo: true,
  accent_color: true,
  head: true,
  ppid: true,
  lapor_url: true,
  link_domains: true,
  editors: true,
  status: true,
  retired_on: true,
  successor: true,
  archived: true,
};
const portalKeys: Record<keyof PortalConfig, true> = {
  name: true,
  short_name: true,
  domain: true,
  hub: true,
  province: true,
  seat: true,
  address: true,
  phone: true,
  email: true,
  logo: true,
  locale: true,
  time_zone: true,
  cms: true,
  links: true,
  activity: true,
  access: true,
  images: true,
  limits: true,
};

const schemaProperties = (file: string) =>
  Object.keys(
    (JSON.parse(readFileSync(join(toolsRepoRoot, "content-schema", file), "utf8")) as { properties: object })
      .properties,
  )
    .filter((k) => k !== "$schema")
    .sort();

it("SiteRecord has exactly the properties of site.schema.json", () =>
  assert.deepEqual(Object.keys(siteKeys).sort(), schemaProperties("site.schema.json")));
it("PortalConfig has exactly the properties of portal.schema.json", () =>
  assert.deepEqual(Object.keys(portalKeys).sort(), schemaProperties("portal.schema.json")));
// The settings of portal.json that are objects, one level down, the same way.
type Section<K extends keyof PortalConfig> = Record<keyof NonNullable<PortalConfig[K]>, true>;
const portalSections: { [K in "access" | "links" | "activity" | "limits" | "cms"]: Section<K> } = {
  access: { penulis: true, verifikator: true, dkisp: true, unit_team: true, dkisp_team: true, gateway_email: true },
  links: { allowed_domains: true, spam_phrases: true },
  activity: { quiet_after_days: true, dormant_after_days: true },
  limits: { markdown_kb: true, image_kb: true, document_kb: true, files_per_site: true },
  cms: { backend: true, repo: true, branch: true, base_url: true, live_minutes: true },
};
const portalSchema = JSON.parse(readFileSync(join(toolsRepoRoot, "content-schema/portal.schema.json"), "utf8")) as {
  properties: Record<string, { properties?: Record<string, { default?: unknown }> }>;
};

it("PortalConfig's sections have exactly the properties of portal.schema.json's", () => {
  for (const [section, keys] of Object.entries(portalSections))
    assert.deepEqual(
      Object.keys(keys).sort(),
      Object.keys(portalSchema.properties[section]?.properties ?? {}).sort(),
      section,
    );
});

it("portal.json's defaults are the schema's `default`s, each in one place (portal-defaults.ts)", () => {
  const inSchema = Object.entries(portalSchema.properties).flatMap(([section, p]) =>
    Object.entries(p.properties ?? {})
      .filter(([, field]) => field.default !== undefined)
      .map(([name, field]) => [`${section}.${name}`, field.default]),
  );
  const inCode = Object.entries(portalDefaults).flatMap(([section, fields]) =>
    Object.entries(fields).map(([name, value]) => [`${section}.${name}`, value]),
  );
  assert.deepEqual(Object.fromEntries(inSchema), Object.fromEntries(inCode));
});

it("tells a live unit from a retired one and an archived one, also from JSON nobody validated", () => {
  const cases: [unknown, ReturnType<typeof retirementOf>][] = [
    [{ status: "active" }, "live"],
    [{ status: "active", archived: true }, "live"],
    [{ status: "retired" }, "retired"],
    [{ status: "retired", archived: "true" }, "retired"],
    [{ status: "retired", archived: true }, "archived"],
    [undefined, "live"],
    [null, "live"],
    ["retired", "live"],
  ];
  for (const [record, expected] of cases) assert.equal(retirementOf(record), expected, JSON.stringify(record));
});
