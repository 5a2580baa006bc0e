import { gatewayRefusal, type GatewayRefusalArgs, type GatewayRefusalCode } from "../problems/gateway-refusals.ts";
import { lstatSync } from "node:fs";
import { join } from "node:path";
import { mediaKindOf } from "../content/media-reference.ts";
import { fileSlugPattern } from "../published/permalinks.ts";
import { schemas } from "../schema/schemas.ts";
import type { Grants } from "./access.ts";

/** What a request wants to do with a path of the repository. */
export type PathUse = "read" | "write";

export type PathDecision =
  | { ok: true; slug: string; path: string }
  /** `reason` is for the audit log (English); `message` is what the editor is told. */
  | { ok: false; reason: string; message: string };

export interface PathContext {
  grants: Grants;
  /** The hub's folder (portal.json's `hub`). */
  hub: string;
  /** Every unit folder of the registry. */
  units: ReadonlySet<string>;
}

/** Why an SVG is refused, wherever it is (its path, or an upload's name): it can carry script. */
export const svgRefusal = gatewayRefusal("svg-upload", { name: "" }).message;

/** A refusal of the catalogue (gateway-refusals.ts) as the path policy's decision. */
const refuse = <C extends GatewayRefusalCode>(code: C, args: GatewayRefusalArgs<C>): PathDecision => {
  const { reason, message } = gatewayRefusal(code, args);
  return { ok: false, reason, message };
};
const outside = (path: string) => refuse("path-outside-units", { path });

/**
 * The one rule for every path the gateway reads or writes for an editor: a file of the shape a
 * unit's folder holds (`sites/<slug>/content/<type>/<name>.md`, `sites/<slug>/media/<...>.<kind>`,
 * and, for DKISP, `sites/<slug>/site.json` and the images of `sites/<slug>/media/`, the registry's
 * logos), in a unit the editor has a role in.
 *
 * The path must already be in its one canonical form: lower-case letters, digits, `-`, `_`, `.`
 * and `/`, no empty, `.` or `..` segment, no segment starting with a dot. Everything else is
 * refused rather than normalised: `..`, absolute paths, backslashes, %-encoding, Unicode look-alikes
 * (a fullwidth solidus, a one-dot leader), control characters, `.git/`. A sibling folder sharing
 * a prefix (`sites/dinkes2` for an editor of `dinkes`) is a different unit.
 */
export function checkPath(raw: unknown, use: PathUse, ctx: PathContext): PathDecision {
  if (typeof raw !== "string" || raw === "") return refuse("path-empty", {});
  if (!/^[a-z0-9][a-z0-9/_.-]*$/.test(raw) || raw.length > 300) return refuse("path-not-canonical", { raw });
  const parts = raw.split("/");
  if (parts.some((p) => p === "" || p.startsWith(".")))
    return refuse("path-invalid", { why: `empty, dot or hidden segment: ${JSON.stringify(raw)}` });
  const [root, slug, first, ...rest] = parts as [string, string | undefined, string | undefined, ...string[]];
  if (root !== "sites" || slug === undefined || first === undefined) return outside(raw);
  if (!ctx.units.has(slug)) return outside(raw);

  const roles = ctx.grants.units.get(slug);
  const dkispHere = ctx.grants.dkisp && slug === ctx.hub;
  const ok: PathDecision = { ok: true, slug, path: raw };

  // The registry: DKISP edits every unit's record; a unit's own editors may read theirs.
  if (first === "site.json" && rest.length === 0) {
    if (ctx.grants.dkisp || (use === "read" && roles)) return ok;
    return refuse("site-json-is-dkisps", { slug });
  }
  // DKISP keeps the registry, whose logo field lists and uploads a unit's images: at the top of
  // the unit's media folder only, never the photos of its news or its documents.
  const dkispLogo = ctx.grants.dkisp && first === "media" && rest.length <= 1;
  if (!roles && !dkispHere && !dkispLogo) return outside(raw);

  if (first === "content") {
    const [typeName, file, ...more] = rest;
    const type = typeName === undefined ? undefined : schemas().typeByName.get(typeName);
    if (!type || more.length > 0) return refuse("not-a-content-folder", { raw });
    if (type.hubOnly && slug !== ctx.hub) return refuse("type-on-hub-only", { name: type.name, label: type.label });
    if (type.hubOnly && !ctx.grants.dkisp) return refuse("type-is-dkisps", { name: type.name, label: type.label });
    // Listing a folder reads it whole; writing needs a file name.
    if (file === undefined) return use === "read" ? ok : refuse("path-invalid", { why: "a folder, not a file" });
    if (!file.endsWith(".md") || !fileSlugPattern.test(file.slice(0, -3)))
      return refuse("content-file-name-invalid", { file });
    return ok;
  }
  if (first === "media") {
    // Reading may list the media folder or one of its folders; a file must be of a known kind.
    const name = rest.at(-1);
    if (use === "read" && (name === undefined || !name.includes("."))) return ok;
    if (name === undefined) return refuse("path-invalid", { why: "a folder, not a file" });
    if (name.endsWith(".svg")) return refuse("svg-upload", { name });
    if (!mediaKindOf(name)) return refuse("upload-kind-unknown", { name });
    if (!roles && !dkispHere && mediaKindOf(name) !== "image") return refuse("dkisp-uploads-logos-only", { slug });
    return ok;
  }
  return outside(raw);
}

/**
 * The same path in the gateway's clone holds no link: a symlink committed into a unit's folder
 * could otherwise lead a write, or a read, anywhere on the gateway's machine.
 */
export function checkNoLinks(repoDir: string, path: string): PathDecision | undefined {
  let at = repoDir;
  for (const part of path.split("/")) {
    at = join(at, part);
    let kind: "link" | "missing" | "other";
    try {
      kind = lstatSync(at).isSymbolicLink() ? "link" : "other";
    } catch {
      kind = "missing";
    }
    if (kind === "missing") return undefined;
    if (kind === "link")
      return refuse("path-invalid", { why: `symbolic link in the tree at ${at.slice(repoDir.length + 1)}` });
  }
  return undefined;
}

/**
 * Decap's editorial workflow keeps each draft on `cms/<collection>/<entry>`, and collections are
 * named `<unit>_<type>` (cms-config.ts): an editor may touch the branches of their units only.
 */
export function checkBranch(raw: unknown, ctx: PathContext): PathDecision {
  const m = typeof raw === "string" ? /^cms\/([a-z0-9-]+)_([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)$/.exec(raw) : null;
  if (!m) return refuse("not-a-draft-branch", { raw: String(raw) });
  const [, slug, type] = m as unknown as [string, string, string];
  const path = `sites/${slug}/content/${type}`;
  const decision = checkPath(path, "read", ctx);
  return decision.ok ? { ok: true, slug, path: raw as string } : decision;
}
