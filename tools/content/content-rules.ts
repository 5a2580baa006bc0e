import { bidiControlIn, controlCharacterIn, isBlank } from "../core/reader-text.ts";
import type { JsonSchema } from "../schema/json-schema.ts";
import { isOneLineText, schemaAt } from "../schema/schema-at.ts";
import { problem, type Problem } from "../problems/problem.ts";

/**
 * Rules over a content file's data that JSON Schema cannot state. Those that depend on the type
 * are declared in its schema by annotations, so the schema still says everything about a type:
 * - `x-after: "<field>"` on a date or time: it may not be earlier than that field (an agenda's
 *   end and its start, a broadcast's window, an announcement's last valid day and its date);
 * - `x-max-days-ahead: <n>` on a publication date: at most n days after the day of the build
 *   (a news item dated 2062 would sit on top of the hub for decades);
 * - `x-mean-of: {field, factor, tolerance, basis}` on a number: the mean of an object's numbers
 *   times a factor (an IKM and its nine elements).
 * Rules over every text field, as a reader sees it (core/reader-text.ts): it never shows nothing
 * (spaces or zero-width characters only: an empty heading, an invisible link); it holds no
 * bidirectional control (which reorders what is shown) and no control character; and a one-line
 * field (a title, a name: schema/schema-at.ts) holds no line break, which would start a new
 * paragraph in an issue body or a command in a CI log.
 */
export function checkContentRules(args: {
  data: Record<string, unknown>;
  schema: JsonSchema;
  file: string;
  lineOf: (pointer: string) => number | undefined;
  /** Today in the regency's zone, YYYY-MM-DD. */
  today: string;
}): Problem[] {
  const { data, schema, file, lineOf } = args;
  const problems: Problem[] = [];
  const at = (pointer: string) => lineOf(pointer);

  for (const [pointer, value] of strings(data)) {
    if (value !== "" && isBlank(value)) problems.push(problem("blank-text", file, pointer, {}, at(pointer)));
    const bidi = bidiControlIn(value);
    if (bidi) problems.push(problem("bidi-control", file, pointer, { char: bidi }, at(pointer)));
    const field = schemaAt(schema, pointer);
    const control = controlCharacterIn(value, field !== undefined && isOneLineText(field));
    if (control)
      problems.push(
        lineBreak.test(control)
          ? problem("line-break-in-line", file, pointer, {}, at(pointer))
          : problem("control-character", file, pointer, { char: control }, at(pointer)),
      );
  }

  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const value = data[field];
    if (typeof value !== "string") continue;
    const pointer = `/${field}`;
    const after = property["x-after"];
    const earlier = typeof after === "string" ? data[after] : undefined;
    // Dates and times compare as text ("2025-08-17" < "2025-08-17 09:00" < "2025-08-18").
    if (typeof earlier === "string" && value < earlier) {
      const label = (name: string) => String(schema.properties?.[name]?.title ?? name);
      problems.push(
        problem(
          "end-before-start",
          file,
          pointer,
          { field: label(field), value, other: label(after as string), otherValue: earlier },
          at(pointer),
        ),
      );
    }
    const ahead = property["x-max-days-ahead"];
    if (typeof ahead === "number") {
      const latest = addDays(args.today, ahead);
      if (value.slice(0, 10) > latest)
        problems.push(problem("date-too-far-ahead", file, pointer, { value, days: ahead, latest }, at(pointer)));
    }
  }
  problems.push(...derivedNumberProblems(data, schema, file, lineOf));
  return problems;
}

/**
 * `x-mean-of: {field, factor, tolerance, basis}` on a number: it is the mean of the numbers of
 * the object in `field`, times `factor`, within `tolerance` (rounding). An index derived by a
 * formula (the IKM of a satisfaction survey: the nine elements' mean × 25) cannot be typed as
 * something its own elements deny; the grade shown beside it follows from it.
 */
function derivedNumberProblems(
  data: Record<string, unknown>,
  schema: JsonSchema,
  file: string,
  lineOf: (pointer: string) => number | undefined,
): Problem[] {
  const problems: Problem[] = [];
  for (const [field, property] of Object.entries(schema.properties ?? {})) {
    const rule = property["x-mean-of"] as
      | { field: string; factor: number; tolerance: number; basis: string }
      | undefined;
    const value = data[field];
    const parts = data[rule?.field ?? ""];
    if (!rule || typeof value !== "number" || !parts || typeof parts !== "object") continue;
    const numbers = Object.values(parts).filter((n): n is number => typeof n === "number");
    if (numbers.length === 0) continue;
    const expected = (numbers.reduce((a, b) => a + b, 0) / numbers.length) * rule.factor;
    if (Math.abs(value - expected) > rule.tolerance)
      problems.push(
        problem(
          "derived-number",
          file,
          `/${field}`,
          {
            field: String(property.title ?? field),
            value,
            expected: Math.round(expected * 100) / 100,
            from: String(schema.properties?.[rule.field]?.title ?? rule.field),
            factor: rule.factor,
            basis: rule.basis,
          },
          lineOf(`/${field}`),
        ),
      );
  }
  return problems;
}

/** The characters `controlCharacterIn` names that end a line. */
const lineBreak = /^U\+(000A|000D|000B|000C|0085|2028|2029)$/;

function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Every string in the data with its JSON pointer. */
function* strings(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [pointer, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${pointer}/${i}`);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* strings(v, `${pointer}/${escapePointer(k)}`);
}

const escapePointer = (key: string) => key.replace(/~/g, "~0").replace(/\//g, "~1");
