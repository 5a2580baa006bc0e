import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import type { PortalConfig } from "../core/records.ts";
import { toolsRepoRoot, workspaceAt } from "../core/workspace.ts";
import { readRegistry } from "../content/registry.ts";
import { codeownersOf, codeownersPath } from "./codeowners.ts";

describe(".github/CODEOWNERS", () => {
  const ws = workspaceAt(toolsRepoRoot);
  const portal = JSON.parse(readFileSync(ws.portalFile, "utf8")) as PortalConfig;

  it("is what `npm run codeowners` writes from the registry (run it when a unit is added or removed)", async () => {
    assert.equal(
      readFileSync(join(toolsRepoRoot, codeownersPath), "utf8"),
      codeownersOf(portal, await readRegistry(ws)),
    );
  });

  it("gives each unit's folder to its team, and the hub, everything else and every registry record to DKISP", async () => {
    const text = codeownersOf(portal, await readRegistry(ws));
    const rules = text
      .split("\n")
      .filter((l) => l && !l.startsWith("#"))
      .map((l) => l.split(/\s+/));
    assert.deepEqual(rules[0], ["*", "@pemkab-paser/dkisp"]);
    assert.ok(rules.some(([p, o]) => p === "/sites/dinkes/" && o === "@pemkab-paser/dinkes"));
    assert.ok(!rules.some(([p]) => p === `/sites/${portal.hub}/`), "the hub falls to DKISP's line");
    // The last matching line wins: the registry records come after the units' folders.
    assert.deepEqual(rules.at(-1), ["/sites/*/site.json", "@pemkab-paser/dkisp"]);
  });

  it("takes other team names from portal.json's access", async () => {
    const text = codeownersOf(
      { ...portal, access: { unit_team: "@kab/skpd-{slug}", dkisp_team: "@kab/kominfo" } },
      await readRegistry(ws),
    );
    assert.match(text, /^\/sites\/dinkes\/\s+@kab\/skpd-dinkes$/m);
    assert.match(text, /^\*\s+@kab\/kominfo$/m);
  });
});
