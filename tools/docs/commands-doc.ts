import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { commandsMarkdown } from "../cli/commands.ts";
import { toolsRepoRoot } from "../core/workspace.ts";

/**
 * docs/commands.md's reference of the `portal` command, between its two markers, from the CLI's
 * one table (tools/cli/commands.ts): `node --import tsx tools/docs/commands-doc.ts` writes it
 * again; commands-doc.test.ts fails when it is stale. The rest of the file is written by hand.
 */
export const commandsDoc = join(toolsRepoRoot, "docs/commands.md");
export const begin =
  "<!-- generated from tools/cli/commands.ts by tools/docs/commands-doc.ts: edit the table there -->";
export const end = "<!-- end of the generated reference -->";

/** The document with its generated part as the table makes it now. */
export function withReference(text: string): string {
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${commandsDoc}: the markers of the generated reference are missing`);
  return `${text.slice(0, from + begin.length)}\n\n${commandsMarkdown()}\n\n${text.slice(to)}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(commandsDoc, withReference(readFileSync(commandsDoc, "utf8")));
  console.log(`Wrote the reference in ${commandsDoc}.`);
}
