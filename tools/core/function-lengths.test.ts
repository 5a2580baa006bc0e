import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import ts from "typescript";
import { toolsRepoRoot } from "./workspace.ts";

/** About a screen and a half: a function longer than this does several jobs; split it by job. */
const longest = 150;

/** Every function of a module with its length in lines (nested functions counted in their parent too). */
function functionLengths(file: string, source: string): { name: string; lines: number }[] {
  const tree = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const lineOf = (pos: number) => tree.getLineAndCharacterOfPosition(pos).line;
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && "body" in node && node.body) {
      const declared = (node as { name?: ts.Node }).name?.getText(tree);
      const name = declared ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText(tree) : "(anonymous)");
      found.push({
        name: `${file}:${lineOf(node.getStart(tree)) + 1} ${name}`,
        lines: lineOf(node.getEnd()) - lineOf(node.getStart(tree)) + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(tree);
  return found;
}

describe("the functions of tools/", () => {
  it(`are each at most ${longest} lines long (tests and fixtures aside)`, () => {
    const files = readdirSync(join(toolsRepoRoot, "tools"), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && !f.includes("fixtures"))
      .map((f) => `tools/${f.split("\\").join("/")}`);
    assert.ok(files.length > 100, `${files.length} modules`);
    const tooLong = files
      .flatMap((f) => functionLengths(f, readFileSync(join(toolsRepoRoot, f), "utf8")))
      .filter((f) => f.lines > longest)
      .map((f) => `${f.name}: ${f.lines} lines`);
    assert.deepEqual(tooLong, []);
  });

  it("a long function is found, an arrow function by the name it is given", () => {
    const body = Array.from({ length: 200 }, (_, i) => `  const x${i} = ${i};`).join("\n");
    const lengths = functionLengths(
      "a.ts",
      `export const long = () => {\n${body}\n};\nfunction short() {\n  return 1;\n}\n`,
    );
    assert.deepEqual(lengths, [
      { name: "a.ts:1 long", lines: 202 },
      { name: "a.ts:203 short", lines: 3 },
    ]);
  });
});
