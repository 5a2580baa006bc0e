import { gatewayRefusal } from "../../problems/gateway-refusals.ts";
import type { WriteResult } from "../git-writer.ts";
import type { Gateway, Reply } from "./gateway.ts";

/** What the editor is told when Git would not take a write. */
export function failed(result: Extract<WriteResult, { ok: false }>, gw: Pick<Gateway, "explain">): Reply {
  if (result.refused) return { status: 422, body: { error: result.refused.join("\n") } };
  const refusal = result.conflict
    ? gatewayRefusal("changed-since-loaded", { by: "editor" })
    : gatewayRefusal("write-failed", gw.explain ? { detail: result.reason } : {});
  return { status: refusal.status, body: { error: refusal.message } };
}

/** Decap's answer to a save, with the versions the editor's next save starts from. */
export const persisted = (result: Extract<WriteResult, { ok: true }>): Reply => ({
  status: 200,
  body: { message: "entry persisted", versions: result.versions ?? {} },
});
