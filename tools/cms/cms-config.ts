import type { PortalConfig, SiteRecord } from "../core/records.ts";
import { zoneOffsetHours } from "../core/wita.ts";
import { proxyUrl } from "../published/gateway-paths.ts";
import { byRank, type ContentType } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { resolveRef } from "../schema/schema-at.ts";
import { defaultCatalogue } from "../content/service-catalogue.ts";
import { type DecapField, type FieldContext, fieldsOf, patternOf } from "./schema-fields.ts";

/**
 * The Decap CMS configuration of one site's `/admin/`, generated at build from `content-schema/`,
 * `portal.json` and the unit's `site.json`: a collection per content type, named `<slug>_<type>`
 * (unique across units, so two units' drafts never share a branch), reading and writing that
 * unit's folders only. The hub's also holds DKISP's broadcasts.
 */
export interface CmsOptions {
  portal: PortalConfig;
  site: SiteRecord;
  /** The site's own origin, e.g. https://dinkes.paserkab.go.id. */
  origin: string;
  /** In `npm start`: the editors' gateway in its local mode, whatever portal.json's backend is. */
  local?: boolean;
  /** Every unit's record; the hub's CMS lets DKISP edit them (the registry). */
  registry?: SiteRecord[];
  /** The regency's emblem as the site publishes it (`/img/...png`): on the login page and header. */
  emblem?: string;
  /** The hub's topics, which a service picks from (`x-catalogue: "topics"`); the defaults without one. */
  topics?: { slug: string; title: string }[];
}

export type DecapConfig = Record<string, unknown> & { collections: Record<string, unknown>[] };

/**
 * What Decap's configuration cannot say and admin.js checks before each save, per collection:
 * fields required once another is filled (the schemas' `dependentRequired`: a photo needs its
 * alt text), with the labels to name them.
 */
export type CmsRules = Record<
  string,
  {
    dependentRequired: Record<string, string[]>;
    labels: Record<string, string>;
    /** Uploaded files' paths, by field path ("photos.*.file"), with the schema's pattern and the fix. */
    media: { path: string[]; label: string; pattern: [string, string] }[];
    /** Optional objects: left empty they are dropped; once filled, these of their fields are required. */
    objects: { name: string; label: string; required: { name: string; label: string }[] }[];
    /**
     * Dates and times, checked as validation does (content-rules.ts and the schemas' bounds): the
     * years that make sense, how many days ahead a publication date may be (`x-max-days-ahead`),
     * and the field it may not be earlier than (`x-after`).
     */
    dates: {
      name: string;
      label: string;
      min?: string;
      max?: string;
      maxDaysAhead?: number;
      after?: { name: string; label: string };
      zoneHours: number;
    }[];
  }
>;

export function cmsRules(options: Pick<CmsOptions, "portal" | "site">): CmsRules {
  const isHub = options.site.slug === options.portal.hub;
  const rules: CmsRules = {};
  const zoneHours = zoneOffsetHours(options.portal.time_zone);
  for (const type of schemas().types.filter((t) => !t.hubOnly || isHub))
    rules[`${options.site.slug}_${type.name}`] = rulesOf(type.schema, zoneHours);
  if (isHub) rules[`${options.site.slug}_registry`] = rulesOf(schemas().site, zoneHours);
  return rules;
}

function rulesOf(schema: JsonSchema, zoneHours: number): CmsRules[string] {
  const labels = Object.fromEntries(
    Object.entries(schema.properties ?? {}).map(([name, p]) => [name, String(p.title ?? name)]),
  );
  const required = new Set(schema.required ?? []);
  const objects = Object.entries(schema.properties ?? {})
    .map(([name, p]) => [name, resolveRef(p)] as const)
    .filter(([name, s]) => s.type === "object" && !required.has(name) && (s.required ?? []).length > 0)
    .map(([name, s]) => ({
      name,
      label: labels[name]!,
      required: s.required!.map((child) => ({ name: child, label: String(s.properties?.[child]?.title ?? child) })),
    }));
  const dates = Object.entries(schema.properties ?? {})
    .map(([name, p]) => [name, resolveRef(p)] as const)
    .filter(([, s]) => s.format === "date" || s.format === "wita-datetime")
    .map(([name, s]) => {
      const after = typeof s["x-after"] === "string" ? s["x-after"] : undefined;
      return {
        name,
        label: labels[name]!,
        ...(typeof s.formatMinimum === "string" ? { min: s.formatMinimum } : {}),
        ...(typeof s.formatMaximum === "string" ? { max: s.formatMaximum } : {}),
        ...(typeof s["x-max-days-ahead"] === "number" ? { maxDaysAhead: s["x-max-days-ahead"] } : {}),
        ...(after ? { after: { name: after, label: labels[after] ?? after } } : {}),
        zoneHours,
      };
    });
  return {
    dependentRequired: (schema.dependentRequired ?? {}) as Record<string, string[]>,
    labels,
    media: mediaFields(schema),
    objects,
    dates,
  };
}

/** Every media field of a schema, at any depth of objects and lists. */
function mediaFields(schema: JsonSchema, path: string[] = []): CmsRules[string]["media"] {
  const found: CmsRules[string]["media"] = [];
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    const s = resolveRef(property);
    if (s["x-media"]) found.push({ path: [...path, name], label: String(s.title ?? name), pattern: patternOf(s)! });
    if (s.type === "object") found.push(...mediaFields(s, [...path, name]));
    if (s.type === "array") {
      const items = resolveRef((s.items ?? {}) as JsonSchema);
      if (items.type === "object") found.push(...mediaFields(items, [...path, name, "*"]));
    }
  }
  return found;
}

/** What the fields are made from, and the fields of each schema made from it (made once). */
type SharedFieldContext = FieldContext & { fieldsOf(schema: JsonSchema): readonly DecapField[] };

const fieldContexts = new WeakMap<object, WeakMap<object, SharedFieldContext>>();

/**
 * The fields' context for these upload limits and topics, one per pair: every unit's configuration
 * has the same fields, made once and only read (serialised by the cmsConfigJson filter), not once
 * per unit (a build of 500 units spent 0.3 s making them again).
 */
function fieldContext(
  limits: FieldContext["limits"],
  topics: readonly { slug: string; title: string }[],
): SharedFieldContext {
  const byTopics = fieldContexts.get(limits) ?? new WeakMap<object, SharedFieldContext>();
  fieldContexts.set(limits, byTopics);
  let ctx = byTopics.get(topics);
  if (!ctx) {
    const made = new Map<JsonSchema, readonly DecapField[]>();
    const plain: FieldContext = {
      limits,
      choices: { topics: topics.map((t) => ({ label: t.title, value: t.slug })) },
    };
    ctx = {
      ...plain,
      fieldsOf: (schema) => made.get(schema) ?? made.set(schema, fieldsOf(schema, plain)).get(schema)!,
    };
    byTopics.set(topics, ctx);
  }
  return ctx;
}

export function cmsConfig(options: CmsOptions): DecapConfig {
  const { portal, site } = options;
  const isHub = site.slug === portal.hub;
  const siteDir = `sites/${site.slug}`;
  const ctx = fieldContext(portal.limits, options.topics ?? defaultCatalogue().topics);
  // In the order editors reach for them: what they write most often first.
  const types = schemas()
    .types.filter((t) => !t.hubOnly || isHub)
    .sort(byRank);
  return {
    // The whole configuration is here; Decap must not look for a config.yml beside the page.
    load_config_file: false,
    backend: options.local ? gatewayBackend(portal, site) : backendOf(portal, site),
    // Drafts, review and publish: an editor's change reaches the site only when it is published.
    publish_mode: "editorial_workflow",
    locale: "id",
    site_url: options.origin,
    display_url: options.origin,
    // The regency's emblem instead of Decap's, on the login page and in the header.
    ...(options.emblem ? { logo: { src: options.emblem, show_in_header: true } } : {}),
    media_folder: `${siteDir}/media`,
    public_folder: "/media",
    // File names from Indonesian titles: ASCII, accents dropped, lower case, hyphens.
    slug: { encoding: "ascii", clean_accents: true, sanitize_replacement: "-" },
    collections: [
      ...types.map((type) => collectionOf(type, site, siteDir, ctx)),
      ...(isHub && options.registry ? [registryCollection(site, options.registry, ctx)] : []),
    ],
  };
}

/**
 * DKISP's view of the registry on the hub: every unit's `site.json`, one entry each, with the
 * fields of `site.schema.json`. (A new unit's folder is made with the CLI, not here.)
 */
function registryCollection(hub: SiteRecord, registry: SiteRecord[], ctx: SharedFieldContext): Record<string, unknown> {
  // A logo belongs in its own unit's media folder: relative to each site.json's folder.
  // The slug names the folder and the subdomain: kept as it is (hidden), never edited here.
  const fields = ctx
    .fieldsOf(schemas().site)
    .map((f) =>
      f.name === "slug"
        ? { label: f.label, name: f.name, widget: "hidden" }
        : f.widget === "image"
          ? { ...f, media_folder: "media", public_folder: "/media" }
          : f,
    );
  return {
    name: `${hub.slug}_registry`,
    label: "Daftar perangkat daerah",
    label_singular: "Perangkat daerah",
    format: "json",
    extension: "json",
    editor: { preview: false },
    files: registry.map((unit) => ({
      name: unit.slug,
      label: unit.name,
      file: `sites/${unit.slug}/site.json`,
      fields,
    })),
  };
}

/**
 * Decap's proxy backend against the editors' gateway (tools/gateway/) on the site's own origin:
 * same-origin requests carrying the session cookie, no token in the page.
 */
function gatewayBackend(portal: PortalConfig, site: SiteRecord): Record<string, unknown> {
  return {
    name: "proxy",
    proxy_url: proxyUrl,
    branch: portal.cms?.branch ?? "main",
    cms_label_prefix: `${site.slug}/`,
  };
}

function backendOf(portal: PortalConfig, site: SiteRecord): Record<string, unknown> {
  // portal.json may leave `cms` out: GitHub, with the repository named there later.
  const cms = portal.cms ?? { backend: "github" as const };
  // A prefix per unit on the editorial workflow's labels, so DKISP can tell whose draft a pull
  // request is; the branch names already differ by collection name.
  const common = { branch: cms.branch ?? "main", cms_label_prefix: `${site.slug}/`, squash_merges: true };
  switch (cms.backend) {
    case "gateway":
      return gatewayBackend(portal, site);
    case "gitlab":
      return {
        name: "gitlab",
        repo: cms.repo,
        ...common,
        ...(cms.base_url ? { api_root: `${cms.base_url.replace(/\/$/, "")}/api/v4`, base_url: cms.base_url } : {}),
      };
    case "forgejo":
      return {
        name: "forgejo",
        repo: cms.repo,
        ...common,
        ...(cms.base_url ? { api_root: `${cms.base_url.replace(/\/$/, "")}/api/v1`, base_url: cms.base_url } : {}),
      };
    default:
      return { name: "github", repo: cms.repo, ...common, ...(cms.base_url ? { base_url: cms.base_url } : {}) };
  }
}

function collectionOf(
  type: ContentType,
  site: SiteRecord,
  siteDir: string,
  ctx: SharedFieldContext,
): Record<string, unknown> {
  const fields: DecapField[] = [
    ...ctx.fieldsOf(type.schema),
    // The body: Markdown, with images as Markdown (raw HTML is off in the build anyway).
    {
      label: "Isi",
      name: "body",
      widget: "markdown",
      required: false,
      modes: ["rich_text", "raw"],
      editor_components: ["image"],
      sanitize_preview: true,
    },
  ];
  return {
    name: `${site.slug}_${type.name}`,
    label: type.label,
    label_singular: type.labelSingular,
    folder: `${siteDir}/content/${type.name}`,
    create: true,
    delete: true,
    extension: "md",
    format: "yaml-frontmatter",
    identifier_field: type.titleField,
    // The file name becomes the address: from the title, in the form validation accepts.
    slug: `{{${type.titleField === "title" ? "slug" : `fields.${type.titleField}`}}}`,
    slug_length: 80,
    // Images of this type in their own folder of the unit's media, e.g. media/berita/.
    media_folder: `/${siteDir}/media/${type.name}`,
    public_folder: `/media/${type.name}`,
    ...listOrder(type),
    fields,
  };
}

/**
 * How the CMS lists a type's entries: dated ones newest first, each with its date as day-month-
 * year whatever the browser's language (digits only: Decap formats it with dayjs, whose months
 * are English); ordered ones (pages, officials, services) by their order.
 */
function listOrder(type: ContentType): { summary: string; sortable_fields: (string | SortableField)[] } {
  const has = (f: string) => f in (type.schema.properties ?? {});
  const dated = ["date", "start"].find(has);
  const sorts = [...["date", "start", "order"].filter(has), type.titleField];
  const first = dated ?? (has("order") ? "order" : undefined);
  return {
    summary: dated
      ? `{{${type.titleField}}} · {{${dated} | date('${dated === "start" ? "DD-MM-YYYY HH:mm" : "DD-MM-YYYY"}')}}`
      : `{{${type.titleField}}}`,
    sortable_fields: sorts.map((field) =>
      field === first ? { field, default_sort: dated ? ("desc" as const) : ("asc" as const) } : field,
    ),
  };
}

interface SortableField {
  field: string;
  default_sort: "asc" | "desc";
}
