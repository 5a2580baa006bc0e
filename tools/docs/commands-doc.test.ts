import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { buildProcessFlags } from "../core/build-process-flags.ts";
import { cliCommands, cliOptions, usage } from "../cli/commands.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { commandsDoc, withReference } from "./commands-doc.ts";

describe("the CLI's one table of commands", () => {
  it("is what docs/commands.md prints (run tools/docs/commands-doc.ts when it is stale)", () => {
    const text = readFileSync(commandsDoc, "utf8");
    assert.equal(text, withReference(text));
  });

  it("names each npm script that runs the portal command, and only those", () => {
    const scripts = (
      JSON.parse(readFileSync(join(toolsRepoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    const runsPortal = Object.entries(scripts)
      .map(([name, line]) => [name, /tools\/cli\/portal\.mjs (\S+)$/.exec(line)?.[1]] as const)
      .filter((e): e is readonly [string, string] => e[1] !== undefined);
    assert.deepEqual(
      runsPortal.map(([name, command]) => `${name} → ${command}`).sort(),
      cliCommands
        .filter((c) => c.script)
        .map((c) => `${c.script} → ${c.name}`)
        .sort(),
    );
  });

  it("builds with the build processes' Node flags in the build and start scripts", () => {
    const scripts = (
      JSON.parse(readFileSync(join(toolsRepoRoot, "package.json"), "utf8")) as { scripts: Record<string, string> }
    ).scripts;
    for (const name of ["build", "start"])
      assert.equal(scripts[name], `node ${buildProcessFlags.join(" ")} tools/cli/portal.mjs ${name}`, name);
  });

  it("is what --help prints, and every option it documents is one the parser takes", () => {
    // As the npm scripts run it: compiled.
    const help = spawnSync(process.execPath, [join(toolsRepoRoot, "tools/cli/portal.mjs"), "--help"], {
      encoding: "utf8",
    });
    assert.equal(help.status, 0);
    assert.equal(help.stdout, `${usage()}\n`);
    for (const option of cliOptions) assert.match(help.stdout, new RegExp(`--${option.name}\\b`), option.name);
    for (const option of cliOptions.filter((o) => o.commands))
      for (const name of option.commands!)
        assert.ok(
          cliCommands.some((c) => c.name === name),
          `--${option.name} names a command "${name}" there is not`,
        );
  });
});
