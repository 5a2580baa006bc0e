import { answer } from "../proxy-actions.ts";
import type { GatewayHttp, GatewayRequest } from "./gateway-http.ts";
import { json, maxBody, readBody } from "./http.ts";

/**
 * `POST /admin/api/v1`: Decap's proxy API for the site the `Host` names, answered only when
 * `Origin` is that same site (no other page, not even another unit's, can make a request), the
 * session is good and the editor has a role there; then the action's own checks (proxy-actions.ts).
 */
export async function apiRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const { auth } = http;
  const byAddress = await http.limit("apiPerAddress", r.address);
  if (!byAddress.ok) return r.tooMany(byAddress.retryAfter);
  // Every action, reads included: a page elsewhere must not even learn what a draft holds.
  if (r.req.headers.origin !== r.origin)
    return r.refuse("cross-origin", { origin: r.req.headers.origin }, { action: "request" });
  const who = http.editorOf(r.req, r.host, r.site);
  if (!who.ok)
    return r.refuse(
      who.expired ? "session-expired" : auth.kind === "local" ? "no-local-key" : "no-session",
      {},
      { action: "request", body: { login: r.loginUrl } },
    );
  const byEditor = await http.limit("apiPerEditor", who.editor.id);
  if (!byEditor.ok) return r.tooMany(byEditor.retryAfter, who.editor.id);
  const body = await readBody(r.req);
  if (body === undefined) {
    // What was not read is not read: the connection ends with the answer.
    r.res.once("finish", () => r.req.destroy());
    return r.refuse(
      "body-too-large",
      { maxBytes: maxBody },
      { user: who.editor.id, action: "request", headers: { connection: "close" } },
    );
  }
  let request: { action?: unknown; params?: unknown };
  try {
    request = JSON.parse(body) as typeof request;
  } catch {
    return r.refuse("not-json", {}, { user: who.editor.id, action: "request" });
  }
  const params =
    request.params && typeof request.params === "object" && !Array.isArray(request.params)
      ? (request.params as Record<string, unknown>)
      : {};
  const scope = { editor: who.editor, site: r.site, grants: http.grantsFor(who.editor, r.site, who.local) };
  if (scope.grants.units.size === 0 && !scope.grants.dkisp)
    return r.refuse("no-role-on-site", {}, { user: who.editor.id, action: String(request.action) });
  const reply = await answer(http.gateway, scope, String(request.action), params);
  // The developer running `npm start` sees at once what the gateway refused and why.
  if (auth.kind === "local" && reply.status >= 400)
    console.warn(
      `CMS ${r.site}: ${String(request.action).slice(0, 60)} → ${reply.status} ${JSON.stringify(reply.body)} ${JSON.stringify(params, (k, v) => (k === "content" || k === "raw" ? "…" : v)).slice(0, 300)}`,
    );
  return json(r.res, reply.status, reply.body);
}
