import { createHmac, timingSafeEqual } from "node:crypto";

/** Who is logged in, as the SSO said at login. */
export interface Editor {
  /** The SSO's subject: stable across name changes; the audit log's user. */
  id: string;
  name: string;
  email: string;
  /** Group paths from the token's `groups` claim: the roles (access.ts). */
  groups: string[];
}

export interface Session extends Editor {
  /** The site's host the session was made for: a cookie is never good on another site. */
  host: string;
  /** Seconds since the epoch. */
  expires: number;
}

/**
 * The session cookie: HttpOnly (no script reads it), Secure, SameSite=Strict (no other site's
 * page sends it), `__Host-` (only this exact host set it, for the whole host, over HTTPS).
 * Its value is the session itself, signed: any gateway instance holding the secret can check it,
 * and a restart logs nobody out.
 */
export const sessionCookie = "__Host-portal-sesi";

const sign = (secret: string, payload: string) => createHmac("sha256", secret).update(payload).digest("base64url");

/** A value signed with the gateway's secret: readable, but no one without the secret can make one. */
export function seal(value: unknown, secret: string): string {
  const payload = Buffer.from(JSON.stringify(value)).toString("base64url");
  return `${payload}.${sign(secret, payload)}`;
}

/** What `seal` made, or undefined for anything else (a forged, cut or altered value). */
export function unseal(value: string | undefined, secret: string): unknown {
  if (!value) return undefined;
  const [payload, mac, ...more] = value.split(".");
  if (!payload || !mac || more.length) return undefined;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
  try {
    return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
}

export type SessionCheck =
  | { ok: true; session: Session }
  /** `expired`: it was a real session whose time is up (the editor is told to log in again). */
  | { ok: false; expired: boolean };

export function openSession(
  value: string | undefined,
  secret: string,
  host: string,
  now = Date.now() / 1000,
): SessionCheck {
  const session = unseal(value, secret) as Session | undefined;
  if (!session || typeof session !== "object") return { ok: false, expired: false };
  if (session.host !== host) return { ok: false, expired: false };
  if (!(session.expires > now)) return { ok: false, expired: true };
  return { ok: true, session };
}

/** The cookies of a request, by name (the first of a repeated name wins). */
export function cookiesOf(header: string | undefined): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at < 0) continue;
    const name = part.slice(0, at).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(at + 1).trim());
  }
  return cookies;
}

export function setCookie(
  name: string,
  value: string,
  options: { maxAge: number; sameSite: "Strict" | "Lax"; path?: string },
): string {
  return `${name}=${value}; Path=${options.path ?? "/"}; Max-Age=${options.maxAge}; HttpOnly; Secure; SameSite=${options.sameSite}`;
}
