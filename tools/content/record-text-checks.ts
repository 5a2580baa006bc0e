import type { BodyBlock } from "./markdown.ts";
import { checkOutbound, lettersHolding, type linkRulesOf, spamPhrasesIn } from "./outbound-links.ts";
import { problem, type Problem } from "../problems/problem.ts";

/**
 * The checks every record's text goes through, whoever wrote it (front matter, site.json, the
 * hub's katalog.json): outbound addresses against the allowlist and gambling spam as a reader reads it.
 */

/** Every string of a record, with its JSON pointer. */
export function* stringsOf(value: unknown, pointer = ""): Generator<[string, string]> {
  if (typeof value === "string") yield [pointer, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringsOf(v, `${pointer}/${i}`);
  else if (value && typeof value === "object")
    for (const [k, v] of Object.entries(value)) yield* stringsOf(v, `${pointer}/${k}`);
}

export type LinkRules = ReturnType<typeof linkRulesOf>;

/** Address fields (a LHKPN link, a video, a unit's social accounts) that leave for a domain not allowed. */
export function outboundProblems(
  data: Record<string, unknown>,
  file: string,
  lineOf: (pointer: string) => number | undefined,
  rules: LinkRules,
): Problem[] {
  const found: Problem[] = [];
  for (const [pointer, value] of stringsOf(data)) {
    const outbound = checkOutbound(value, rules.domains);
    if (outbound.leaves && !outbound.allowed)
      found.push(problem("outbound-link", file, pointer, { href: value, host: outbound.host }, lineOf(pointer)));
  }
  return found;
}

/** Gambling spam anywhere in a file's text as a reader reads it: each phrase once, on the first line that has it. */
export function spamProblems(
  data: Record<string, unknown>,
  blocks: readonly BodyBlock[],
  bodyLine: number,
  file: string,
  lineOf: (pointer: string) => number | undefined,
  rules: LinkRules,
): Problem[] {
  const strings = [...stringsOf(data)];
  // Most files hold no phrase's letters anywhere: one look at all their text clears them.
  const text = [...strings.map(([, value]) => value), ...blocks.map((b) => b.text)].join("\n");
  if (lettersHolding(text, rules.phrases).length === 0) return [];
  const found = new Map<string, Problem>();
  for (const [pointer, value] of strings)
    for (const phrase of spamPhrasesIn(value, rules.phrases))
      if (!found.has(phrase)) found.set(phrase, problem("spam-phrase", file, pointer, { phrase }, lineOf(pointer)));
  for (const block of blocks) {
    const inBlock = spamPhrasesIn(block.text, rules.phrases).filter((p) => !found.has(p));
    if (inBlock.length === 0) continue;
    // The line of the block that holds the phrase, or the block's first when it spans lines.
    const lines = block.text.split("\n");
    for (const phrase of inBlock) {
      const rule = rules.phrases.filter((p) => p.text === phrase);
      const at = lines.findIndex((l) => spamPhrasesIn(l, rule).length > 0);
      found.set(phrase, problem("spam-phrase", file, "", { phrase }, bodyLine + block.line + Math.max(0, at)));
    }
  }
  return [...found.values()];
}
