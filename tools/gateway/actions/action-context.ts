import { InternalError } from "../../core/internal-error.ts";
import { baseOf, entryPathOf, type DraftRef } from "../draft-scope.ts";
import type { Change, WriteRequest } from "../git-writer.ts";
import { checkBranch, checkPath, type PathContext, type PathDecision, type PathUse } from "../path-policy.ts";
import type { Gateway, Params, Reply, Scope } from "./gateway.ts";
import { commitSubject, contentCheck } from "./content-check.ts";
import { gatewayRefusal, type GatewayRefusalArgs, type GatewayRefusalCode } from "../../problems/gateway-refusals.ts";

/** Decap's editorial workflow statuses; the last one is "ready to publish". */
export const statuses = ["draft", "pending_review", "pending_publish"] as const;

export const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/**
 * What one request's handler works with: the gateway, who asks, the parameters, and the checks
 * every handler shares (the path rule of its action, the roles, drafts, the versions a write
 * must still find), each refusal written to the audit log as it is answered.
 */
export function actionContext(
  gw: Gateway,
  scope: Scope,
  definition: { action: string; paths: PathUse | "none" },
  params: Params,
) {
  const { action } = definition;
  const hub = gw.portal.hub;
  const policy: PathContext = { grants: scope.grants, hub, units: gw.units };

  /** A refusal the audit log keeps: the editor's sentence in the reply, the reason in the log. */
  const refuseAs = async (paths: string[], reason: string, message: string, status: number): Promise<Reply> => {
    await gw.writer.refused({ user: scope.editor.id, unit: scope.site, action, paths, reason, status });
    return { status, body: { error: message } };
  };
  const refuse = <C extends GatewayRefusalCode>(code: C, args: GatewayRefusalArgs<C>, paths: string[] = []) => {
    const r = gatewayRefusal(code, args);
    return refuseAs(paths, r.reason, r.message, r.status);
  };
  /** An answer that is not a refusal (nothing to log): the file or draft is not there. */
  const notFound = (code: "file-not-found" | "draft-not-found"): Reply => ({
    status: 404,
    body: { error: gatewayRefusal(code, {}).message },
  });
  /** A decision of the path policy or of draftOf, which carries its own reason and sentence. */
  const refuseDecision = (paths: string[], d: { reason: string; message: string }) =>
    refuseAs(paths, d.reason, d.message, 403);
  /** A path the request names, under the rule its action declares. */
  const path = (raw: unknown) => {
    if (definition.paths === "none") throw new InternalError(`gateway action ${action} declares no paths`);
    return checkPath(raw, definition.paths, policy);
  };
  const refusedPath = (raw: unknown, d: Extract<PathDecision, { ok: false }>) =>
    refuseDecision([String(raw).slice(0, 300)], d);

  /** The roles that let `scope` publish in a unit: its verifikator, or DKISP on the hub and the registry. */
  const mayPublish = (unit: string, registry = false) =>
    scope.grants.units.get(unit)?.has("verifikator") === true || (scope.grants.dkisp && (unit === hub || registry));

  /** A draft of `collection`/`slug`: its branch, its unit and its entry's file, or why not. */
  const draftOf = (
    collection: unknown,
    slug: unknown,
  ): ({ ok: true } & DraftRef) | { ok: false; reason: string; message: string } => {
    const name = str(collection);
    const entry = str(slug);
    if (name === `${hub}_registry`) {
      if (!scope.grants.dkisp || entry === undefined || !gw.units.has(entry))
        return { ok: false, ...gatewayRefusal("registry-is-dkisps", {}) };
      return {
        ok: true,
        branch: `cms/${name}/${entry}`,
        unit: entry,
        registry: true,
        entry: entryPathOf(entry, name, entry, true),
      };
    }
    const decision = checkBranch(`cms/${name}/${entry}`, policy);
    if (!decision.ok) return { ok: false, reason: decision.reason, message: decision.message };
    return {
      ok: true,
      branch: decision.path,
      unit: decision.slug,
      registry: false,
      entry: entryPathOf(decision.slug, name!, entry!, false),
    };
  };

  /** The versions the editor's page loaded, which a write must still find; or the refusal. */
  const baseFor = (paths: string[]) => {
    const base = baseOf(params.base);
    const missing = paths.filter((p) => base?.[p] === undefined);
    return missing.length || !base
      ? {
          ok: false as const,
          reply: refuse("no-base-version", {}, missing),
        }
      : { ok: true as const, expect: Object.fromEntries(paths.map((p) => [p, base[p]!])) };
  };

  const write = (
    unit: string,
    branch: string,
    message: string,
    changes: Change[],
    extra: Pick<WriteRequest, "trailers" | "allowEmpty" | "squash" | "squashAt" | "expect"> & { draft?: DraftRef } = {},
  ) =>
    gw.writer.write({
      editor: scope.editor,
      unit,
      branch,
      action,
      message: commitSubject(message, `${action} (${unit})`),
      changes,
      check: contentCheck(policy, unit, extra.draft && { ...extra.draft, main: gw.main }),
      ...extra,
    });

  return {
    gw,
    scope,
    action,
    params,
    hub,
    refuse,
    refuseDecision,
    notFound,
    path,
    refusedPath,
    mayPublish,
    draftOf,
    baseFor,
    write,
  };
}

export type ActionContext = ReturnType<typeof actionContext>;
