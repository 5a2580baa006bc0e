import type { IncomingMessage, ServerResponse } from "node:http";
import { readAddress } from "../../core/address.ts";
import { gatewayRefusal, type GatewayRefusalArgs, type GatewayRefusalCode } from "../../problems/gateway-refusals.ts";

export const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string | string[]> = {},
) => {
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    ...headers,
  });
  res.end(JSON.stringify(body));
};

/** A refusal of the catalogue as JSON, `extra` added to its `{ error }`. */
export function jsonRefusal<C extends GatewayRefusalCode>(
  res: ServerResponse,
  code: C,
  args: GatewayRefusalArgs<C>,
  extra: { body?: Record<string, unknown>; headers?: Record<string, string> } = {},
) {
  const refusal = gatewayRefusal(code, args);
  json(res, refusal.status, { error: refusal.message, ...extra.body }, extra.headers);
}

/** A page of its own, for the steps of the SSO round trip that happen outside the CMS. */
export const page = (res: ServerResponse, status: number, title: string, text: string, link?: [string, string]) => {
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
export const maxBody = 64 * 1024 * 1024;

/**
 * The request's body, or undefined once it is larger than `maxBody`: refused by its declared
 * `Content-Length` before a byte is read, and while it streams (chunked, or a length that lies)
 * as soon as it passes the limit; the rest is never read (the connection is closed after the 413).
 */
export function readBody(req: IncomingMessage): Promise<string | undefined> {
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
export const safeNext = (value: string | null) =>
  value?.startsWith("/") && /^[\x21-\x7e]*$/.test(value) && readAddress(value).kind === "page" ? value : "/admin/";
