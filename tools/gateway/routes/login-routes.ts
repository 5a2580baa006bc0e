import { gatewayPath } from "../../published/gateway-paths.ts";
import { gatewayRefusal } from "../../problems/gateway-refusals.ts";
import type { PendingLogin } from "../oidc-login.ts";
import { cookiesOf, type Editor, seal, sessionCookie, setCookie, unseal } from "../session.ts";
import type { GatewayHttp, GatewayRequest } from "./gateway-http.ts";
import { jsonRefusal, page, safeNext } from "./http.ts";

const loginCookie = "__Host-portal-masuk";

/**
 * `GET /admin/api/login`: off to the regency's SSO, to come back to `/callback`. In local mode
 * there is no SSO: a page without the key (opened before this start) is told to load /admin/ again.
 */
export async function loginRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const { auth } = http;
  if (auth.kind === "local")
    return page(
      r.res,
      200,
      "Muat ulang CMS",
      "npm start dimulai ulang sejak halaman ini dibuka. Buka CMS lagi untuk melanjutkan.",
      [safeNext(r.url.searchParams.get("next")), "Buka CMS"],
    );
  const byAddress = await http.limit("loginPerAddress", r.address);
  if (!byAddress.ok) return r.tooMany(byAddress.retryAfter);
  const { url: to, pending } = await auth.login.start(
    `${r.origin}${gatewayPath}/callback`,
    safeNext(r.url.searchParams.get("next")),
  );
  // Lax, not Strict: it must come back on the SSO's redirect, which another site starts.
  r.res.writeHead(302, {
    location: to,
    "cache-control": "no-store",
    "set-cookie": setCookie(loginCookie, seal({ ...pending, host: r.host, expires: http.now() + 600 }, auth.secret), {
      maxAge: 600,
      sameSite: "Lax",
    }),
  });
  r.res.end();
}

/** `GET /admin/api/callback`: the SSO's answer; a session for this site's host, or a page saying why not. */
export async function callbackRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const { auth } = http;
  if (auth.kind === "local") return jsonRefusal(r.res, "no-sso-locally", {});
  const byAddress = await http.limit("loginPerAddress", r.address);
  if (!byAddress.ok) return r.tooMany(byAddress.retryAfter);
  const pending = unseal(cookiesOf(r.req.headers.cookie).get(loginCookie), auth.secret) as
    | (PendingLogin & { host: string; expires: number })
    | undefined;
  const again: [string, string] = [r.loginUrl, "Masuk lagi"];
  const refusedPage = async (code: "login-expired" | "login-failed", detail = "") => {
    const refusal = gatewayRefusal(code, { detail });
    await http.audit({
      unit: r.site,
      action: "login",
      status: refusal.status,
      reason: refusal.reason,
      address: r.address,
    });
    return page(r.res, refusal.status, refusal.title ?? "", refusal.message, again);
  };
  if (!pending || pending.host !== r.host || !(pending.expires > http.now())) return refusedPage("login-expired");
  let editor: Editor;
  try {
    editor = await auth.login.finish(new URL(`${r.origin}${r.url.pathname}${r.url.search}`), pending);
  } catch (error) {
    return refusedPage("login-failed", error instanceof Error ? error.message : String(error));
  }
  await http.audit({
    user: editor.id,
    unit: r.site,
    action: "login",
    status: 303,
    reason: "logged in",
    address: r.address,
  });
  const expires = Math.floor(http.now() + auth.sessionHours * 3600);
  r.res.writeHead(303, {
    location: pending.next,
    "cache-control": "no-store",
    "set-cookie": [
      setCookie(sessionCookie, seal({ ...editor, host: r.host, expires }, auth.secret), {
        maxAge: auth.sessionHours * 3600,
        sameSite: "Strict",
      }),
      setCookie(loginCookie, "", { maxAge: 0, sameSite: "Lax" }),
    ],
  });
  r.res.end();
}

/** `GET /admin/api/masuk-selesai`: the page a login opened beside the CMS ends on. */
export async function loggedInAgainRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  if (http.auth.kind === "local") return jsonRefusal(r.res, "no-sso-locally", {});
  return page(
    r.res,
    200,
    "Anda sudah masuk lagi",
    "Tutup jendela ini, kembali ke CMS, lalu klik Simpan lagi. Isian Anda tidak hilang.",
  );
}
