import type { PathUse } from "../path-policy.ts";
import type { ActionContext } from "./action-context.ts";
import type { Reply } from "./gateway.ts";

/**
 * Who may ask for an action, on top of having a role on the site's unit (the server refuses
 * everyone else before any action runs). A verifikator is the unit's, or DKISP on the hub and on
 * the registry.
 * - `editor`: any penulis or verifikator of the unit;
 * - `verifikator`: only a verifikator;
 * - `verifikator-marks-ready`: a penulis sends a draft for review, only a verifikator marks it ready;
 * - `verifikator-once-submitted`: a penulis while it is a draft, a verifikator once submitted;
 * - `verifikator-to-main`: a penulis into a draft, only a verifikator straight to the published branch.
 */
export type ActionRole =
  | "editor"
  | "verifikator"
  | "verifikator-marks-ready"
  | "verifikator-once-submitted"
  | "verifikator-to-main";

/**
 * One action of Decap's proxy API (decap-cms-backend-proxy): who may ask, which paths it may
 * touch (`read`: the unit's readable files; `write`: its writable ones; `none`), and its handler.
 * Every path a handler takes from the request goes through `ctx.path`, which applies `paths`.
 */
export interface GatewayAction {
  action: string;
  role: ActionRole;
  paths: PathUse | "none";
  handle: (ctx: ActionContext) => Promise<Reply>;
  /**
   * What a success does to the draft's preview (draft-previews.ts): `render` it again (a save
   * into a draft), `remove` it (the draft was published or deleted).
   */
  preview?: "render" | "remove";
}
