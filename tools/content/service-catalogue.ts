import { join } from "node:path";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { schemaIds, schemas } from "../schema/schemas.ts";
import { validateAgainst } from "./schema-validator.ts";
import { checkContentRules } from "./content-rules.ts";
import { linkRulesOf } from "./outbound-links.ts";
import { spamProblems } from "./record-text-checks.ts";
import { problem, type Problem } from "../problems/problem.ts";
import { readJsonWithLines } from "./read-json.ts";
import { entryKind } from "./site-files.ts";

/** The hub's file of the service catalogue, beside its site.json (content-schema/katalog.schema.json). */
export const catalogueFile = "katalog.json";

export interface CatalogueTopic {
  slug: string;
  title: string;
  /** A subject (kesehatan) or a moment of life (kelahiran): the catalogue shows them apart. */
  kind: "topik" | "peristiwa";
  summary?: string;
}

export interface ServiceCatalogue {
  topics: CatalogueTopic[];
  /** Groups of words that mean the same to citizens (KTP-el, e-KTP, ektp): the search reads them as one. */
  synonyms: string[][];
  /** Words citizens type before a service's name ("buat", "syarat") that the search leaves out. */
  filler_words: string[];
  /** The home's large buttons: "<unit>/<file>" of a `layanan` item. */
  top_services: string[];
  numbers: { name: string; phone: string; emergency?: boolean }[];
}

/** The catalogue when the hub has no file: the schema's default topics and nothing else. */
export function defaultCatalogue(): ServiceCatalogue {
  const topics = (schemas().catalogue.properties?.topics as JsonSchema | undefined)?.default;
  return {
    topics: structuredClone(topics as CatalogueTopic[]),
    synonyms: [],
    filler_words: [],
    top_services: [],
    numbers: [],
  };
}

export interface CatalogueReading {
  catalogue: ServiceCatalogue;
  /** Problems of the file itself: the hub's, reported with the hub's validation. */
  problems: Problem[];
  /**
   * Whether units' topics can be judged by it: a file with problems is DKISP's to fix, and a
   * unit's service is not refused for a topic the broken file may have meant to hold.
   */
  trusted: boolean;
}

/**
 * Reads `sites/<hub>/katalog.json`. Every unit's validation reads it (a service's topics must be
 * in it) and so does the hub's build; it is small, and read again each time so that an edit
 * under `npm start` is seen at once.
 */
export async function readServiceCatalogue(ws: Workspace, portal: PortalConfig): Promise<CatalogueReading> {
  const file = `sites/${portal.hub}/${catalogueFile}`;
  const abs = join(ws.sitesDir, portal.hub, catalogueFile);
  const kind = entryKind(abs);
  if (kind === "missing") return { catalogue: defaultCatalogue(), problems: [], trusted: true };
  if (kind !== "file")
    return {
      catalogue: defaultCatalogue(),
      problems: [problem("expected-file", file, "", { name: catalogueFile })],
      trusted: false,
    };
  const { data, lineOf, problems } = await readJsonWithLines(abs, file);
  if (data === undefined) return { catalogue: defaultCatalogue(), problems, trusted: false };
  const schemaProblems = validateAgainst(schemaIds.catalogue, data, file, lineOf);
  problems.push(...schemaProblems);
  if (schemaProblems.length) return { catalogue: defaultCatalogue(), problems, trusted: false };
  const read = data as Partial<ServiceCatalogue>;
  const catalogue: ServiceCatalogue = {
    ...defaultCatalogue(),
    ...read,
    topics: read.topics ?? defaultCatalogue().topics,
  };
  const record = data as Record<string, unknown>;
  problems.push(...checkContentRules({ data: record, schema: schemas().catalogue, file, lineOf, today: "" }));
  problems.push(...spamProblems(record, [], 0, file, lineOf, linkRulesOf(portal, undefined)));
  const seen = new Map<string, number>();
  catalogue.topics.forEach((t, i) => {
    const first = seen.get(t.slug);
    if (first === undefined) seen.set(t.slug, i);
    else
      problems.push(
        problem(
          "duplicate-topic",
          file,
          `/topics/${i}/slug`,
          { topic: t.slug, first: first + 1 },
          lineOf(`/topics/${i}/slug`),
        ),
      );
  });
  catalogue.top_services.forEach((ref, i) => {
    const [unit, name] = ref.split("/") as [string, string];
    if (entryKind(join(ws.sitesDir, unit, "content", "layanan", `${name}.md`)) !== "file")
      problems.push(problem("unknown-top-service", file, `/top_services/${i}`, { ref }, lineOf(`/top_services/${i}`)));
  });
  return { catalogue, problems, trusted: problems.length === 0 };
}

/** The fields of a type that name catalogue topics (`x-catalogue: "topics"`). */
export function topicFields(schema: JsonSchema): string[] {
  return Object.entries(schema.properties ?? {})
    .filter(([, p]) => (p as JsonSchema)["x-catalogue"] === "topics")
    .map(([name]) => name);
}
