import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { it } from "node:test";
import { toolsRepoRoot } from "../core/workspace.ts";
import { schemaDocs } from "./schema-docs.ts";

it("docs/content-types.md matches content-schema/ (regenerate: node --import tsx tools/docs/schema-docs.ts > docs/content-types.md)", () => {
  assert.equal(readFileSync(join(toolsRepoRoot, "docs/content-types.md"), "utf8"), schemaDocs());
});
