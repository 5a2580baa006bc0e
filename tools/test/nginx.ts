import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { request, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { TLSSocket } from "node:tls";
import { freePort } from "./browser.ts";
import { listening, startDaemon } from "./daemon.ts";

/** Debian's module for `brotli_static`; used when installed (`.ci/run` installs it). */
export const brotliModule = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";

export interface RunningNginx {
  port: number;
  dir: string;
  errorLog: () => Promise<string>;
  stop: () => Promise<void>;
}

/**
 * A real nginx (Debian's) on a free loopback port, with the generated configuration included at
 * http level, as an administrator would; everything it writes stays in a temporary folder.
 * `config` receives the port (free, unless given), for the configuration's `listen`.
 */
export async function startNginx(config: (port: number) => string, port?: number): Promise<RunningNginx> {
  port ??= await freePort();
  const dir = await mkdtemp(join(tmpdir(), "portal-nginx-"));
  await mkdir(join(dir, "tmp"), { recursive: true });
  await writeFile(join(dir, "portal.conf"), config(port));
  await writeFile(
    join(dir, "nginx.conf"),
    [
      ...(existsSync(brotliModule) ? [`load_module ${brotliModule};`] : []),
      // Tests run as root in CI; workers read the releases in temporary folders.
      "user root;",
      "worker_processes 1;",
      "daemon off;",
      `pid ${dir}/nginx.pid;`,
      `error_log ${dir}/error.log warn;`,
      "events { worker_connections 512; }",
      "http {",
      "  include /etc/nginx/mime.types;",
      "  default_type application/octet-stream;",
      "  access_log off;",
      "  sendfile on;",
      `  client_body_temp_path ${dir}/tmp/body;`,
      `  proxy_temp_path ${dir}/tmp/proxy;`,
      `  fastcgi_temp_path ${dir}/tmp/fastcgi;`,
      `  uwsgi_temp_path ${dir}/tmp/uwsgi;`,
      `  scgi_temp_path ${dir}/tmp/scgi;`,
      `  include ${dir}/portal.conf;`,
      "}",
      "",
    ].join("\n"),
  );
  const test = spawn("nginx", ["-t", "-q", "-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let testOutput = "";
  test.stderr.on("data", (d) => (testOutput += d));
  const tested = await new Promise<number>((resolve) => test.on("exit", (code) => resolve(code ?? 1)));
  if (tested !== 0) {
    await rm(dir, { recursive: true, force: true });
    throw new Error(`nginx -t refused the configuration:\n${testOutput}`);
  }

  const { stop } = await startDaemon(
    "nginx",
    "nginx",
    ["-p", dir, "-e", join(dir, "error.log"), "-c", join(dir, "nginx.conf")],
    { ready: () => listening(port!), cleanup: () => rm(dir, { recursive: true, force: true }) },
  );
  return { port, dir, errorLog: () => readFile(join(dir, "error.log"), "utf8").catch(() => ""), stop };
}

export interface Response {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  /** The body as it arrived (not decoded: a compressed body stays compressed). */
  bytes: Buffer;
  /** Over TLS: the protocol negotiated ("TLSv1.3"). */
  tlsProtocol?: string;
}

/**
 * A request to 127.0.0.1 with a given Host header (Node cannot resolve *.localhost itself); with
 * `tls`, over HTTPS with that host as SNI name, accepting the tests' self-signed certificate.
 */
export function get(
  port: number,
  host: string,
  path: string,
  headers: Record<string, string> = {},
  options: { tls?: boolean } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const common = { host: "127.0.0.1", port, path, headers: { host, ...headers }, agent: false };
    const onResponse = (res: IncomingMessage) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
          bytes: Buffer.concat(chunks),
          ...(options.tls ? { tlsProtocol: (res.socket as TLSSocket).getProtocol() ?? "" } : {}),
        }),
      );
      res.on("error", reject);
    };
    const req = options.tls
      ? httpsRequest({ ...common, servername: host, rejectUnauthorized: false }, onResponse)
      : request(common, onResponse);
    req.on("error", reject);
    req.end();
  });
}

/**
 * A self-signed certificate for `localhost` and every `*.localhost` name, as a wildcard certificate
 * is for the apex and the units' subdomains, written into `dir`.
 */
export function selfSignedCertificate(dir: string): { certificate: string; key: string } {
  const certificate = join(dir, "cert.pem");
  const key = join(dir, "key.pem");
  const made = spawnSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1"],
      ...["-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost,DNS:*.localhost"],
      ...["-keyout", key, "-out", certificate],
    ],
    { encoding: "utf8" },
  );
  if (made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.stderr || made.error}`);
  return { certificate, key };
}
