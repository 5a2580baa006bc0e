import { sessionCookie, setCookie } from "../session.ts";
import type { GatewayHttp, GatewayRequest } from "./gateway-http.ts";
import { json, jsonRefusal } from "./http.ts";

/** `GET /admin/api/session`: who is logged in here, with their roles, or 401 with where to log in. */
export async function sessionRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const who = http.editorOf(r.req, r.host, r.site);
  if (!who.ok) return jsonRefusal(r.res, "not-logged-in", {}, { body: { expired: who.expired, login: r.loginUrl } });
  const grants = http.grantsFor(who.editor, r.site, who.local);
  return json(r.res, 200, {
    name: who.editor.name,
    email: who.editor.email,
    site: r.site,
    roles: [...(grants.units.get(r.site) ?? [])],
    dkisp: grants.dkisp,
    local: who.local,
  });
}

/**
 * `POST /admin/api/logout`: ends the session, then the SSO's. A POST from this site's own page
 * only: an <img> on any sibling site cannot end a session.
 */
export async function logoutRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const { auth } = http;
  if (auth.kind === "local") return jsonRefusal(r.res, "no-sso-locally", {});
  if (r.req.headers.origin !== r.origin)
    return r.refuse("cross-origin", { origin: r.req.headers.origin, logout: true });
  const who = http.editorOf(r.req, r.host, r.site);
  await http.audit({
    user: who.ok ? who.editor.id : "-",
    unit: r.site,
    action: "logout",
    status: 303,
    reason: "logout",
    address: r.address,
  });
  r.res.writeHead(303, {
    location: auth.login.logoutUrl(`${r.origin}/`) ?? "/",
    "cache-control": "no-store",
    "set-cookie": setCookie(sessionCookie, "", { maxAge: 0, sameSite: "Strict" }),
  });
  r.res.end();
}
