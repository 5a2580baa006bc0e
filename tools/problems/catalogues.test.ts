import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { cliRefusals } from "./cli-refusals.ts";
import { deskRefusals } from "./desk-refusals.ts";
import { gatewayRefusals } from "./gateway-refusals.ts";
import { catalogue } from "./problem-catalogue.ts";

/** Every module of tools/ but the catalogues themselves and the tests: where codes are used. */
const code = readdirSync(join(toolsRepoRoot, "tools"), { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.startsWith("problems/"))
  .map((f) => readFileSync(join(toolsRepoRoot, "tools", f), "utf8"))
  .join("\n");

describe("the catalogues of problems", () => {
  for (const [name, entries] of Object.entries({
    "problem-catalogue.ts": catalogue,
    "gateway-refusals.ts": gatewayRefusals,
    "desk-refusals.ts": deskRefusals,
    "cli-refusals.ts": cliRefusals,
  }))
    it(`${name}: every code is used by the code, none is only written down`, () => {
      const unused = Object.keys(entries).filter((c) => !code.includes(`"${c}"`) && !new RegExp(`\\b${c}:`).test(code));
      assert.deepEqual(unused, []);
    });

  it("the gateway answers each refusal with an error status and a sentence in Indonesian", () => {
    for (const [codeName, entry] of Object.entries(gatewayRefusals)) {
      assert.ok(entry.status >= 400 && entry.status < 600, codeName);
      const sentence = (entry.message as (a: unknown) => string)({
        action: "x",
        branch: "x",
        main: "main",
        by: "editor",
        status: "draft",
        count: 31,
        max: 30,
        name: "foto.jpg",
        message: "Berkas unggahan tidak terbaca.",
        entry: "sites/dinkes/content/berita/x.md",
        files: ["sites/dinkes/x"],
        retryAfter: 5,
        origin: "https://x.example",
        maxBytes: 1,
        detail: "x",
        label: "Siaran",
        why: "a folder, not a file",
        raw: "sites/x",
        path: "sites/x",
        slug: "x",
        file: "x.md",
      });
      assert.match(sentence, /^[A-Z].*[.]/, codeName);
      assert.doesNotMatch(sentence, /undefined|\[object/, codeName);
    }
  });
});
