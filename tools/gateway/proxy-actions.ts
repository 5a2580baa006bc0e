import type { Grants } from "./access.ts";
import { actionContext, type ActionContext } from "./actions/action-context.ts";
import type { GatewayAction } from "./actions/action.ts";
import type { Gateway, Params, Reply, Scope } from "./actions/gateway.ts";
import { gatewayActions } from "./actions/index.ts";

export type { Gateway, Reply, Scope } from "./actions/gateway.ts";

/** Every action the gateway answers, by name. */
export const proxyActions = gatewayActions.map((a) => a.action);
const byName = new Map(gatewayActions.map((a) => [a.action, a]));

/**
 * The grants an editor has on one site's origin: only that unit's roles, and DKISP's only on the
 * hub. A dinkes editor who is also bappeda's works on bappeda at bappeda's `/admin/`; a page of
 * one site can never act on another's folder through it.
 */
export function grantsOnSite(grants: Grants, site: string, hub: string): Grants {
  const roles = grants.units.get(site);
  return { units: new Map(roles ? [[site, roles]] : []), dkisp: grants.dkisp && site === hub };
}

/** An action no table line names, answered as a refusal like any other. */
const unknownAction = (name: string): GatewayAction => ({
  action: name,
  role: "editor",
  paths: "none",
  handle: (ctx) => ctx.refuse("unknown-action", { action: name }),
});

/** Answers one action of Decap's proxy API for `scope`, every path and role checked first. */
export async function answer(gw: Gateway, scope: Scope, action: string, params: Params): Promise<Reply> {
  const definition = byName.get(action) ?? unknownAction(action);
  const ctx = actionContext(gw, scope, definition, params);
  // Decap names the branch it thinks it works on; the gateway has one, and says so.
  if (params.branch !== undefined && params.branch !== gw.main)
    return ctx.refuse("unknown-branch", { branch: params.branch, main: gw.main });
  const reply = await definition.handle(ctx);
  if (definition.preview && reply.status < 300) await previewAfter(ctx, definition.preview);
  return reply;
}

/**
 * A save into a draft starts rendering its preview at once (the CMS asks for it right after);
 * a publication or deletion removes it. Never fails the action it follows.
 */
async function previewAfter(ctx: ActionContext, what: "render" | "remove"): Promise<void> {
  const { previews } = ctx.gw;
  if (!previews) return;
  const { params } = ctx;
  const options = (params.options ?? {}) as Params;
  if (what === "render" && options.useWorkflow !== true) return;
  const entry = (Array.isArray(params.dataFiles) ? params.dataFiles[0] : params.entry) as Params | undefined;
  const [collection, slug] =
    what === "render" ? [options.collectionName, entry?.slug] : [params.collection, params.slug];
  const draft = ctx.draftOf(collection, slug);
  if (!draft.ok || draft.registry) return;
  if (what === "remove") return previews.remove(draft.branch);
  previews.ensure(String(collection), String(slug), draft.unit).catch((error: unknown) => {
    console.error(`gateway: the preview of ${draft.branch} failed: ${String(error)}`);
  });
}
