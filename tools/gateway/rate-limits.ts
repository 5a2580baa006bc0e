import type { IncomingMessage } from "node:http";
import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

/** How many requests of a kind are answered per window, and the window, in seconds. */
export interface Rate {
  points: number;
  duration: number;
}

/**
 * The gateway's limits. An editor's day is a few hundred requests an hour (Decap reads a list, an
 * entry, its drafts; a save is one request): the limits are far above it and far below what a
 * script guessing logins or flooding the Git host's queue sends.
 */
export interface Rates {
  /** `/login` and `/callback`, per client address: each starts or finishes an SSO round trip. */
  loginPerAddress: Rate;
  /** `POST /v1`, per client address, before the session is read (anonymous floods included). */
  apiPerAddress: Rate;
  /** `POST /v1`, per logged-in editor. */
  apiPerEditor: Rate;
}

export const defaultRates: Rates = {
  loginPerAddress: { points: 30, duration: 60 },
  apiPerAddress: { points: 1200, duration: 60 },
  apiPerEditor: { points: 600, duration: 60 },
};

export type RateDecision = { ok: true } | { ok: false; retryAfter: number };

/** One limiter per kind (rate-limiter-flexible, in this process's memory). */
export function rateLimiter(rates: Partial<Rates> = {}): (kind: keyof Rates, key: string) => Promise<RateDecision> {
  const all = { ...defaultRates, ...rates };
  const limiters = Object.fromEntries(
    Object.entries(all).map(([kind, rate]) => [kind, new RateLimiterMemory({ ...rate, keyPrefix: kind })]),
  ) as Record<keyof Rates, RateLimiterMemory>;
  return async (kind, key) => {
    try {
      await limiters[kind].consume(key);
      return { ok: true };
    } catch (refusal) {
      if (refusal instanceof RateLimiterRes) return { ok: false, retryAfter: Math.ceil(refusal.msBeforeNext / 1000) };
      throw refusal;
    }
  };
}

/**
 * The client's address: nginx, in front of the gateway on this machine, passes it in
 * `X-Forwarded-For` (its `$remote_addr`, one address); from anywhere else the header is the
 * client's own claim and is ignored.
 */
export function clientAddress(req: IncomingMessage): string {
  const peer = req.socket.remoteAddress ?? "-";
  const loopback = peer === "127.0.0.1" || peer === "::1" || peer === "::ffff:127.0.0.1";
  const forwarded = req.headers["x-forwarded-for"];
  if (loopback && typeof forwarded === "string" && /^[0-9a-f.:]{2,45}$/i.test(forwarded.trim()))
    return forwarded.trim();
  return peer;
}
