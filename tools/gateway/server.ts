import { readAddress } from "../core/address.ts";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { grantsOf } from "./access.ts";
import type { OidcLogin, PendingLogin } from "./oidc-login.ts";
import { answer, type Gateway, grantsOnSite } from "./proxy-actions.ts";
import { clientAddress, rateLimiter, type Rates } from "./rate-limits.ts";
import { cookiesOf, type Editor, openSession, seal, sessionCookie, setCookie, unseal } from "./session.ts";

import { gatewayPath } from "../published/gateway-paths.ts";

const loginCookie = "__Host-portal-masuk";

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

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) => {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(JSON.stringify(body));
};

const page = (res: ServerResponse, status: number, title: string, text: string, link?: [string, string]) => {
  const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'",
    "x-content-type-options": "nosniff",
  });
  res.end(
    `<!doctype html><html lang="id"><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(title)}</title><body style="font:1.1rem/1.5 sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem"><h1>${esc(title)}</h1><p>${esc(text)}</p>${link ? `<p><a href="${esc(link[0])}">${esc(link[1])}</a></p>` : ""}</body></html>`,
  );
};

/** The largest request body: Decap sends uploads as base64 inside the JSON. */
const maxBody = 64 * 1024 * 1024;

/**
 * The request's body, or undefined once it is larger than `maxBody`: refused by its declared
 * `Content-Length` before a byte is read, and while it streams (chunked, or a length that lies)
 * as soon as it passes the limit; the rest is never read (the connection is closed after the 413).
 */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  if (Number(req.headers["content-length"] ?? 0) > maxBody) return Promise.resolve(undefined);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBody) return void chunks.push(chunk);
      req.off("data", onData);
      req.pause();
      resolve(undefined);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/**
 * A path on this site to return to after login, as the browser reads it (core/address.ts);
 * anything else (another host, `//x`, `/\\x`, a scheme) is `/admin/`.
 */
const safeNext = (value: string | null) =>
  value?.startsWith("/") && /^[\x21-\x7e]*$/.test(value) && readAddress(value).kind === "page" ? value : "/admin/";

/**
 * The editors' gateway over HTTP: on every site's origin, under `/admin/api/`.
 * - `POST /admin/api/v1`: Decap's proxy API, for the site the `Host` names, answered only when
 *   `Origin` is that same site (no other page, not even another unit's, can make a request) and
 *   the session is good;
 * - `GET /admin/api/session`: who is logged in here, or 401 with where to log in;
 * - `GET /admin/api/login`, `/callback`: the SSO round trip; `POST /admin/api/logout` (from the
 *   site's own page, by its `Origin`) ends the session;
 * - `GET /admin/api/masuk-selesai`: the page a login opened beside the CMS ends on.
 */
export function gatewayHandler(options: GatewayServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
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

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://gateway.invalid");
    const host = req.headers.host ?? "";
    const site = siteOf(host);
    const address = clientAddress(req);
    if (!site) return json(res, 404, { error: "Situs ini tidak dikenal." });
    const origin = `${options.scheme}://${host.toLowerCase()}`;
    const route = url.pathname.slice(gatewayPath.length);
    const loginUrl = `${gatewayPath}/login?next=${encodeURIComponent("/admin/")}`;
    /** A refusal: audited with its status, then answered. */
    const refuse = async (
      status: number,
      reason: string,
      body: Record<string, unknown>,
      extra: { user?: string; action?: string; headers?: Record<string, string> } = {},
    ) => {
      await audit({ user: extra.user, unit: site, action: extra.action ?? route, status, reason, address });
      return json(res, status, body, extra.headers);
    };
    const tooMany = (retryAfter: number, user?: string) =>
      refuse(
        429,
        "rate limit",
        { error: `Terlalu banyak permintaan dalam waktu singkat. Tunggu ${retryAfter} detik, lalu coba lagi.` },
        { user, headers: { "retry-after": String(retryAfter) } },
      );

    if (req.method === "POST" && route === "/v1") {
      const byAddress = await limit("apiPerAddress", address);
      if (!byAddress.ok) return tooMany(byAddress.retryAfter);
      // Every action, reads included: a page elsewhere must not even learn what a draft holds.
      if (req.headers.origin !== origin)
        return refuse(
          403,
          `cross-origin request from ${JSON.stringify(req.headers.origin ?? null)}`,
          { error: "Permintaan dari luar halaman CMS situs ini ditolak." },
          { action: "request" },
        );
      const who = editorOf(req, host, site);
      if (!who.ok)
        return refuse(
          401,
          who.expired ? "session expired" : auth.kind === "local" ? "no local key" : "no session",
          {
            error: who.expired
              ? "Sesi Anda telah berakhir. Isian Anda masih ada di layar: klik “Masuk lagi” di bagian bawah layar, lalu simpan lagi."
              : auth.kind === "local"
                ? "Halaman CMS ini bukan dari npm start yang sedang berjalan: muat ulang /admin/."
                : "Anda belum masuk. Klik “Masuk lagi” di bagian bawah layar untuk masuk dengan akun SSO Kabupaten.",
            login: loginUrl,
          },
          { action: "request" },
        );
      const byEditor = await limit("apiPerEditor", who.editor.id);
      if (!byEditor.ok) return tooMany(byEditor.retryAfter, who.editor.id);
      const body = await readBody(req);
      if (body === undefined) {
        // What was not read is not read: the connection ends with the answer.
        res.once("finish", () => req.destroy());
        return refuse(
          413,
          `body over ${maxBody} bytes`,
          { error: "Berkas terlalu besar untuk dikirim sekaligus." },
          { user: who.editor.id, action: "request", headers: { connection: "close" } },
        );
      }
      let request: { action?: unknown; params?: unknown };
      try {
        request = JSON.parse(body) as typeof request;
      } catch {
        return refuse(
          400,
          "not JSON",
          { error: "Permintaan tidak terbaca." },
          { user: who.editor.id, action: "request" },
        );
      }
      const params =
        request.params && typeof request.params === "object" && !Array.isArray(request.params)
          ? (request.params as Record<string, unknown>)
          : {};
      const scope = { editor: who.editor, site, grants: grantsFor(who.editor, site, who.local) };
      if (scope.grants.units.size === 0 && !scope.grants.dkisp)
        return refuse(
          403,
          "no role on this site",
          { error: "Akun Anda tidak memiliki peran di situs ini. Hubungi DKISP." },
          { user: who.editor.id, action: String(request.action) },
        );
      const reply = await answer(gateway, scope, String(request.action), params);
      // The developer running `npm start` sees at once what the gateway refused and why.
      if (auth.kind === "local" && reply.status >= 400)
        console.warn(
          `CMS ${site}: ${String(request.action).slice(0, 60)} → ${reply.status} ${JSON.stringify(reply.body)} ${JSON.stringify(params, (k, v) => (k === "content" || k === "raw" ? "…" : v)).slice(0, 300)}`,
        );
      return json(res, reply.status, reply.body);
    }

    if (route === "/logout" && auth.kind !== "local") {
      // A POST from this site's own page only: an <img> on any sibling site cannot end a session.
      if (req.method !== "POST") return json(res, 405, { error: "Metode tidak diizinkan." }, { allow: "POST" });
      if (req.headers.origin !== origin)
        return refuse(403, `logout from ${JSON.stringify(req.headers.origin ?? null)}`, {
          error: "Permintaan dari luar halaman CMS situs ini ditolak.",
        });
      const who = editorOf(req, host, site);
      await audit({
        user: who.ok ? who.editor.id : "-",
        unit: site,
        action: "logout",
        status: 303,
        reason: "logout",
        address,
      });
      res.writeHead(303, {
        location: auth.login.logoutUrl(`${origin}/`) ?? "/",
        "cache-control": "no-store",
        "set-cookie": setCookie(sessionCookie, "", { maxAge: 0, sameSite: "Strict" }),
      });
      return res.end();
    }

    if (req.method !== "GET") return json(res, 405, { error: "Metode tidak diizinkan." });

    if (route === "/session") {
      const who = editorOf(req, host, site);
      if (!who.ok) return json(res, 401, { error: "Belum masuk.", expired: who.expired, login: loginUrl });
      const grants = grantsFor(who.editor, site, who.local);
      return json(res, 200, {
        name: who.editor.name,
        email: who.editor.email,
        site,
        roles: [...(grants.units.get(site) ?? [])],
        dkisp: grants.dkisp,
        local: who.local,
      });
    }

    if (auth.kind === "local") {
      // A page without the key (opened before this start): loading /admin/ again sets it.
      if (route === "/login")
        return page(
          res,
          200,
          "Muat ulang CMS",
          "npm start dimulai ulang sejak halaman ini dibuka. Buka CMS lagi untuk melanjutkan.",
          [safeNext(url.searchParams.get("next")), "Buka CMS"],
        );
      return json(res, 404, { error: "Tidak ada SSO dalam mode lokal." });
    }

    if (route === "/login" || route === "/callback") {
      const byAddress = await limit("loginPerAddress", address);
      if (!byAddress.ok) return tooMany(byAddress.retryAfter);
    }

    if (route === "/login") {
      const { url: to, pending } = await auth.login.start(
        `${origin}${gatewayPath}/callback`,
        safeNext(url.searchParams.get("next")),
      );
      // Lax, not Strict: it must come back on the SSO's redirect, which another site starts.
      res.writeHead(302, {
        location: to,
        "cache-control": "no-store",
        "set-cookie": setCookie(loginCookie, seal({ ...pending, host, expires: now() + 600 }, auth.secret), {
          maxAge: 600,
          sameSite: "Lax",
        }),
      });
      return res.end();
    }

    if (route === "/callback") {
      const pending = unseal(cookiesOf(req.headers.cookie).get(loginCookie), auth.secret) as
        | (PendingLogin & { host: string; expires: number })
        | undefined;
      const again: [string, string] = [loginUrl, "Masuk lagi"];
      if (!pending || pending.host !== host || !(pending.expires > now())) {
        await audit({
          unit: site,
          action: "login",
          status: 400,
          reason: "no pending login (expired, or another window)",
          address,
        });
        return page(
          res,
          400,
          "Proses masuk tidak dapat dilanjutkan",
          "Waktu masuk habis atau dimulai di jendela lain.",
          again,
        );
      }
      let editor: Editor;
      try {
        editor = await auth.login.finish(new URL(`${origin}${url.pathname}${url.search}`), pending);
      } catch (error) {
        const reason = `SSO login failed: ${error instanceof Error ? error.message : String(error)}`;
        await audit({ unit: site, action: "login", status: 400, reason, address });
        return page(res, 400, "Proses masuk gagal", "SSO tidak mengonfirmasi akun Anda. Silakan coba lagi.", again);
      }
      await audit({ user: editor.id, unit: site, action: "login", status: 303, reason: "logged in", address });
      const expires = Math.floor(now() + auth.sessionHours * 3600);
      res.writeHead(303, {
        location: pending.next,
        "cache-control": "no-store",
        "set-cookie": [
          setCookie(sessionCookie, seal({ ...editor, host, expires }, auth.secret), {
            maxAge: auth.sessionHours * 3600,
            sameSite: "Strict",
          }),
          setCookie(loginCookie, "", { maxAge: 0, sameSite: "Lax" }),
        ],
      });
      return res.end();
    }

    if (route === "/masuk-selesai")
      return page(
        res,
        200,
        "Anda sudah masuk lagi",
        "Tutup jendela ini, kembali ke CMS, lalu klik Simpan lagi. Isian Anda tidak hilang.",
      );

    return json(res, 404, { error: "Tidak ditemukan." });
  };

  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(
        `gateway: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent)
        json(res, 500, { error: "Terjadi kesalahan di server CMS; isian Anda masih ada di layar. Coba lagi." });
      else res.destroy();
    });
  };
}

/** The gateway listening on `host:port` (127.0.0.1 behind nginx). */
export async function startGateway(
  options: GatewayServerOptions & { port: number; host?: string },
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = createServer(gatewayHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
