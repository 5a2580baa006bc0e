import { cliRefusal } from "../problems/cli-refusals.ts";
import { parseArgs } from "node:util";
import type { Progress } from "../core/progress.ts";
import { workspaceAt } from "../core/workspace.ts";
import { cliCommands, parseOptionsOf, usage } from "./commands.ts";
import { runCli } from "./run-cli.ts";

/**
 * `portal <command>`: the one entry point for operators and npm scripts (portal.ts from the
 * sources, portal.mjs compiled). The commands, options and help are one table (commands.ts); this
 * file parses the arguments by it and dispatches.
 */

/**
 * The command line, strictly: an unknown option is refused (parseArgs's strict mode), and so is
 * an option given twice, which parseArgs would settle silently by taking the last
 * (`--type dinas --type badan` is a slip, not a choice).
 */
function parse() {
  const parsed = parseArgs({ allowPositionals: true, tokens: true, options: parseOptionsOf() });
  const given = new Map<string, string[]>();
  for (const token of parsed.tokens ?? [])
    if (token.kind === "option") given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? "(on)"]);
  const repeated = [...given].filter(([, values]) => values.length > 1);
  if (repeated.length)
    throw new Error(repeated.map(([name, values]) => cliRefusal("option-repeated", { name, values })).join("\n"));
  return parsed;
}

async function main(progress: Progress): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage()}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const [name, ...args] = positionals;
  if (values.help || !name) {
    console.log(usage());
    return values.help ? 0 : 2;
  }
  const command = cliCommands.find((c) => c.name === name);
  if (!command) {
    console.error(`${cliRefusal("unknown-command", { name })}\n\n${usage()}`);
    return 2;
  }
  const dist = typeof values.dist === "string" ? values.dist : undefined;
  const root = typeof values.root === "string" ? values.root : undefined;
  const ws = workspaceAt(root, dist ? { distDir: dist } : {});
  return command.run({ ws, args, values, progress });
}

/** Runs the command the process was started with; never rejects (run-cli.ts sets the exit code). */
export function runPortal(): Promise<void> {
  return runCli(`portal ${process.argv[2] ?? ""}`.trim(), main);
}
