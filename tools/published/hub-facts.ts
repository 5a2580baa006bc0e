import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Manifest, manifestCopyDir, manifestCopyPath } from "./manifest-format.ts";

/**
 * What the hub reads of a unit, in one file its build writes beside the manifest copy:
 * `dist/.manifests/<slug>.hub.json`. It holds the unit's manifest without the moment it was
 * generated, and of each of its content files (published now or not: the hub judges the unit at
 * its own build's time, tools/report/) the front matter fields the report reads
 * (report/unit-content.ts `reportedFields`), so the hub needs no unit's Markdown.
 *
 * Nothing in it depends on when the unit was built: a rebuild that changes nothing the hub shows
 * or judges (a page's body, a service's requirements) writes it byte for byte the same. It is the hub's
 * only input from a unit (nx-plugin/index.ts), so Nx then takes the hub from its cache instead of
 * rendering and indexing it again (issue 27: an edit's cost follows the edit).
 */
export interface HubFacts {
  version: 1;
  manifest: Omit<Manifest, "generated">;
  content: ContentFact[];
}

/** One content file of a unit, as the hub's report needs it (report/unit-content.ts). */
export interface ContentFact {
  /** Its content type's name: the folder under `content/`. */
  type: string;
  /** The file's name without `.md`. */
  file: string;
  /** The fields of its front matter the report reads, as parsed (YAML's core schema: JSON values only). */
  data: Record<string, unknown>;
  /** It still holds a `[[Isi: ...]]` part of a starter page: not written yet. */
  fillIn: boolean;
}

export const hubFactsSuffix = ".hub.json";
export const hubFactsPath = (distDir: string, slug: string): string =>
  join(distDir, manifestCopyDir, `${slug}${hubFactsSuffix}`);

/** The file's text, from the published manifest's text and the unit's content, in a stable order. */
export function hubFactsText(manifestText: string, content: readonly ContentFact[]): string {
  const { generated: _generated, ...manifest } = JSON.parse(manifestText) as Manifest;
  const sorted = [...content].sort((a, b) => cmp(a.type, b.type) || cmp(a.file, b.file));
  return JSON.stringify({ version: 1, manifest, content: sorted } satisfies HubFacts);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * What the hub will read of a unit once it is published, from its rendered manifest's text and its
 * content: the facts file's own text, parsed (a build's hub can then render beside the unit's
 * publishing, build-sites.ts).
 */
export function publishedUnitOf(manifestText: string, content: readonly ContentFact[]): PublishedUnit {
  const facts = JSON.parse(hubFactsText(manifestText, content)) as HubFacts;
  return { manifest: facts.manifest, content: facts.content };
}

/** What the hub reads of one unit: its facts and manifest, or only a manifest, or nothing yet. */
export interface PublishedUnit {
  manifest: Omit<Manifest, "generated">;
  /** Absent when only a manifest was found (a dist/ written before these files existed). */
  content?: ContentFact[];
}

/**
 * The unit's facts file; else, from a dist/ written before there were facts, its manifest copy or
 * its site's own manifest.json; undefined when none exists (the unit is not built). A file that
 * cannot be read or parsed is an error naming it: a build writes these files whole (renamed into place).
 */
export function readPublishedUnit(distDir: string, slug: string): PublishedUnit | undefined {
  const facts = hubFactsPath(distDir, slug);
  if (existsSync(facts)) {
    const parsed = parse(facts, slug) as HubFacts;
    return { manifest: parsed.manifest, content: parsed.content };
  }
  const manifest = [manifestCopyPath(distDir, slug), join(distDir, slug, "manifest.json")].find((f) => existsSync(f));
  return manifest ? { manifest: parse(manifest, slug) as Manifest } : undefined;
}

function parse(file: string, slug: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(
      `${file} cannot be read (${error instanceof Error ? error.message : String(error)}): build the unit again (npm run build -- ${slug})`,
    );
  }
}
