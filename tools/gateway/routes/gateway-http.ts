import type { IncomingMessage, ServerResponse } from "node:http";
import { gatewayPath } from "../../published/gateway-paths.ts";
import { gatewayRefusal, type GatewayRefusalArgs, type GatewayRefusalCode } from "../../problems/gateway-refusals.ts";
import { grantsOf } from "../access.ts";
import type { Gateway } from "../actions/gateway.ts";
import type { OidcLogin } from "../oidc-login.ts";
import { grantsOnSite } from "../proxy-actions.ts";
import { clientAddress, rateLimiter, type Rates } from "../rate-limits.ts";
import { cookiesOf, type Editor, openSession, sessionCookie } from "../session.ts";
import { json } from "./http.ts";

export type GatewayAuth =
  /** Production: the regency's SSO; sessions signed with `secret`, `sessionHours` long. */
  | { kind: "oidc"; login: OidcLogin; secret: string; sessionHours: number }
  /**
   * `npm start`: one local identity, with every role of the site whose `/admin/` it uses, for
   * requests that carry `key` in the cookie the dev server sets when it serves `/admin/`
   * (localCookie): no other local process or page, which can send any `Origin`, writes through it.
   */
  | { kind: "local"; editor: Omit<Editor, "groups">; key: string };

/** The cookie that carries the local mode's per-start key (plain http, so no `__Host-`). */
export const localCookie = "portal-lokal";

export interface GatewayServerOptions {
  gateway: Gateway;
  /** How the sites are addressed: the hub at `apex`, each unit at `<slug>.<apex>` (a port included). */
  apex: string;
  scheme: "https" | "http";
  auth: GatewayAuth;
  /** Seconds since the epoch; tests move it on to let a session expire. */
  now?: () => number;
  /** Rate limits other than the defaults (tests use small ones). */
  rates?: Partial<Rates>;
}

/** What every request of one gateway server shares: its sites, sessions, limits and audit log. */
export function gatewayHttp(options: GatewayServerOptions) {
  const { gateway, auth } = options;
  const now = options.now ?? (() => Date.now() / 1000);
  const apex = options.apex.toLowerCase();
  const limit = rateLimiter(options.rates);
  /** One line of the audit log for a request refused, or a login, with the HTTP status it got. */
  const audit = (entry: {
    user?: string;
    unit?: string;
    action: string;
    status: number;
    reason: string;
    address: string;
  }) =>
    gateway.writer.note({
      user: entry.user ?? "-",
      unit: entry.unit,
      action: entry.action,
      paths: [],
      result: entry.status < 400 ? "accepted" : "refused",
      status: entry.status,
      reason: entry.reason,
      address: entry.address,
    });

  const siteOf = (host: string | undefined): string | undefined => {
    const h = (host ?? "").toLowerCase();
    if (h === apex || h === `www.${apex}`) return gateway.portal.hub;
    if (!h.endsWith(`.${apex}`)) return undefined;
    const slug = h.slice(0, -apex.length - 1);
    return gateway.units.has(slug) && slug !== gateway.portal.hub ? slug : undefined;
  };

  const editorOf = (req: IncomingMessage, host: string, site: string) => {
    if (auth.kind === "local") {
      if (cookiesOf(req.headers.cookie).get(localCookie) !== auth.key) return { ok: false as const, expired: false };
      const groups = [
        `/portal/${site}/penulis`,
        `/portal/${site}/verifikator`,
        ...(site === gateway.portal.hub ? ["/portal/dkisp"] : []),
      ];
      return { ok: true as const, editor: { ...auth.editor, groups }, local: true };
    }
    const check = openSession(cookiesOf(req.headers.cookie).get(sessionCookie), auth.secret, host, now());
    return check.ok ? { ok: true as const, editor: check.session as Editor, local: false } : check;
  };

  const grantsFor = (editor: Editor, site: string, local: boolean) => {
    // The local identity's groups follow the default templates, whatever portal.json maps.
    const access = local ? {} : gateway.portal;
    return grantsOnSite(grantsOf(editor.groups, access, gateway.units), site, gateway.portal.hub);
  };

  return { options, gateway, auth, now, limit, audit, siteOf, editorOf, grantsFor };
}

export type GatewayHttp = ReturnType<typeof gatewayHttp>;

/** One request to a known site: where it came from, and how to refuse it with the audit log told. */
export function requestOf(http: GatewayHttp, req: IncomingMessage, res: ServerResponse, site: string) {
  const url = new URL(req.url ?? "/", "http://gateway.invalid");
  const host = req.headers.host ?? "";
  const address = clientAddress(req);
  const route = url.pathname.slice(gatewayPath.length);
  /** A refusal of the catalogue: audited with its status and reason, then answered. */
  const refuse = async <C extends GatewayRefusalCode>(
    code: C,
    args: GatewayRefusalArgs<C>,
    extra: { user?: string; action?: string; headers?: Record<string, string>; body?: Record<string, unknown> } = {},
  ) => {
    const refusal = gatewayRefusal(code, args);
    await http.audit({
      user: extra.user,
      unit: site,
      action: extra.action ?? route,
      status: refusal.status,
      reason: refusal.reason,
      address,
    });
    return json(res, refusal.status, { error: refusal.message, ...extra.body }, extra.headers);
  };
  const tooMany = (retryAfter: number, user?: string) =>
    refuse("rate-limited", { retryAfter }, { user, headers: { "retry-after": String(retryAfter) } });
  return {
    req,
    res,
    url,
    host,
    site,
    address,
    route,
    origin: `${http.options.scheme}://${host.toLowerCase()}`,
    loginUrl: `${gatewayPath}/login?next=${encodeURIComponent("/admin/")}`,
    refuse,
    tooMany,
  };
}

export type GatewayRequest = ReturnType<typeof requestOf>;
