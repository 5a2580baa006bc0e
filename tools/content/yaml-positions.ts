import { isNode, type Document } from "yaml";

/**
 * The line of a JSON pointer's value in a parsed YAML (or JSON) document, or of its nearest
 * existing parent: a missing field points at the object that should hold it.
 */
export function lineOfPointer(doc: Document, pointer: string, lineAt: (offset: number) => number): number | undefined {
  const path = pointer
    .split("/")
    .slice(1)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return lineAt(node.range[0]);
  }
  return undefined;
}
