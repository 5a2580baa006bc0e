import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { SiteType } from "../core/records.ts";
import { formatProblem } from "../problems/problem.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { validateAgainst } from "../content/schema-validator.ts";
import { schemas, type Schemas } from "../schema/schemas.ts";

/**
 * `content-schema/completeness.json`: what each type of unit must publish, one rule per item,
 * each naming its legal basis. The report scores every unit against it, the dashboard shows the
 * score and the reminders name what is missing; nothing else decides what "complete" means.
 */
export const completenessSchemaId = "https://portal-terpadu.id/schema/completeness.schema.json";

export interface LegalBasis {
  key: string;
  title: string;
  about: string;
}

export type Requirement =
  | {
      content: string;
      file?: string;
      where?: Record<string, string | string[]>;
      min?: number;
      within_days?: number;
    }
  | { site_field: string };

export interface CompletenessRule {
  id: string;
  label: string;
  /** The unit types it applies to, groups expanded. */
  units: ReadonlySet<SiteType>;
  require: Requirement;
  basis: LegalBasis[];
  hint?: string;
}

interface RulesFile {
  bases: Record<string, { title: string; about: string }>;
  groups: Record<string, SiteType[]>;
  rules: { id: string; label: string; units: string[]; require: Requirement; basis: string[]; hint?: string }[];
}

export const completenessFile = (set: Schemas = schemas()) => join(set.dir, "completeness.json");

/**
 * Reads and checks the rules: the file against its schema, then every name in it against the
 * schemas it speaks of (a unit type or group, a content type, a field and its values, a site.json
 * field, a legal basis), so a typo fails here, all problems at once, instead of scoring every
 * unit zero on a rule nothing can meet.
 */
export function loadCompletenessRules(set: Schemas = schemas()): CompletenessRule[] {
  const file = completenessFile(set);
  const shown = "content-schema/completeness.json";
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new Error(`${shown}: cannot be read as JSON (${(error as Error).message})`);
  }
  const invalid = validateAgainst(completenessSchemaId, data, shown, undefined, set);
  if (invalid.length) throw new Error(invalid.map(formatProblem).join("\n"));
  const rules = data as RulesFile;
  const problems: string[] = [];
  const unitTypes = new Set((set.site.properties?.type?.enum ?? []) as string[]);
  const ids = new Set<string>();
  const result: CompletenessRule[] = [];
  rules.rules.forEach((rule, n) => {
    const where = `${shown}: rules[${n}] (${rule.id})`;
    if (ids.has(rule.id)) problems.push(`${where}: the id is used twice`);
    ids.add(rule.id);
    const units = new Set<SiteType>();
    for (const name of rule.units) {
      if (rules.groups[name]) for (const t of rules.groups[name]) units.add(t);
      else if (unitTypes.has(name)) units.add(name as SiteType);
      else problems.push(`${where}: units: "${name}" is neither a unit type nor a group in "groups"`);
    }
    const basis: LegalBasis[] = [];
    for (const key of rule.basis) {
      const b = rules.bases[key];
      if (b) basis.push({ key, ...b });
      else problems.push(`${where}: basis: "${key}" is not in "bases"`);
    }
    problems.push(...requirementProblems(rule.require, set).map((p) => `${where}: require: ${p}`));
    result.push({
      id: rule.id,
      label: rule.label,
      units,
      require: rule.require,
      basis,
      ...(rule.hint ? { hint: rule.hint } : {}),
    });
  });
  if (problems.length) throw new Error(problems.join("\n"));
  return result;
}

function requirementProblems(require: Requirement, set: Schemas): string[] {
  if ("site_field" in require)
    return require.site_field in (set.site.properties ?? {}) ? [] : [`site.json has no field "${require.site_field}"`];
  const type = set.typeByName.get(require.content);
  if (!type) return [`"${require.content}" is not a content type (content-schema/content/)`];
  const problems: string[] = [];
  if (require.within_days && !type.dateField)
    problems.push(`within_days needs a dated type, and ${type.name} has no x-date-field`);
  for (const [field, wanted] of Object.entries(require.where ?? {})) {
    const schema = type.schema.properties?.[field] as JsonSchema | undefined;
    if (!schema) {
      problems.push(`where: ${type.name} has no field "${field}"`);
      continue;
    }
    const allowed = schema.enum as unknown[] | undefined;
    for (const value of [wanted].flat())
      if (allowed && !allowed.includes(value))
        problems.push(`where: ${field} "${value}" is not one of ${allowed.join(", ")}`);
  }
  return problems;
}
