import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Provider from "oidc-provider";
import { toolsRepoRoot } from "../core/workspace.ts";
import { GitWriter } from "../gateway/git-writer.ts";
import { OidcLogin } from "../gateway/oidc-login.ts";
import type { Rates } from "../gateway/rate-limits.ts";
import { startGateway } from "../gateway/server.ts";
import { DraftPreviews } from "../gateway/draft-previews.ts";
import { startPreviewRenderer } from "../pipeline/preview-renderer.ts";
import type { Base } from "../published/site-origin.ts";
import { RepoView } from "../gateway/repo-view.ts";
import type { Gateway } from "../gateway/actions/gateway.ts";
import type { PortalConfig } from "../core/records.ts";

/**
 * What the gateway's tests run against: a real bare Git repository as the host, seeded with the
 * mini fixture and a second unit (bappeda, a copy of dinkes), a developer's clone beside it, and
 * the gateway's own clone and audit log.
 */
export interface GatewayHost {
  dir: string;
  host: string;
  dev: string;
  auditLog: string;
  gateway: Gateway;
  /** git in a folder, failing the test on error. */
  git: (cwd: string, ...args: string[]) => string;
  /** A developer's commit pushed to the host's main. */
  devCommit: (files: Record<string, string>, options?: { symlinks?: Record<string, string> }) => Promise<void>;
  audit: () => Promise<Record<string, unknown>[]>;
  /** Runs just before the gateway's next push (a developer pushing at that very moment). */
  beforeNextPush: (run: () => Promise<void>) => void;
  close: () => Promise<void>;
}

export const gatewayIdentity = { name: "Portal Gateway", email: "portal-gateway@paserkab.go.id" };

export async function gatewayHost(): Promise<GatewayHost> {
  const dir = await mkdtemp(join(tmpdir(), "portal-gateway-"));
  const seed = join(dir, "seed");
  const host = join(dir, "host.git");
  const dev = join(dir, "dev");
  const git = (cwd: string, ...args: string[]) => {
    const run = spawnSync("git", args, {
      cwd,
      encoding: "utf8",
      env: {
        ...process.env,
        GIT_CONFIG_GLOBAL: "/dev/null",
        GIT_AUTHOR_NAME: "Dev",
        GIT_AUTHOR_EMAIL: "dev@paserkab.go.id",
        GIT_COMMITTER_NAME: "Dev",
        GIT_COMMITTER_EMAIL: "dev@paserkab.go.id",
      },
    });
    assert.equal(run.status, 0, `git ${args.join(" ")}: ${run.stderr}`);
    return run.stdout.trim();
  };
  await cp(join(toolsRepoRoot, "tools/test/fixtures/mini"), seed, { recursive: true });
  await cp(join(seed, "sites/dinkes"), join(seed, "sites/bappeda"), { recursive: true });
  const record = JSON.parse(await readFile(join(seed, "sites/bappeda/site.json"), "utf8")) as Record<string, unknown>;
  await writeFile(
    join(seed, "sites/bappeda/site.json"),
    JSON.stringify(
      {
        ...record,
        slug: "bappeda",
        name: "Badan Perencanaan Pembangunan Daerah",
        short_name: "Bappeda",
        type: "badan",
      },
      null,
      2,
    ),
  );
  // The $schema pointer of the fixture is relative to its place in this repository.
  // The CMS talks to the gateway.
  const portalText = `${JSON.stringify(
    {
      ...(JSON.parse(await readFile(join(seed, "portal.json"), "utf8")) as Record<string, unknown>),
      $schema: undefined,
      cms: { backend: "gateway", repo: "pemkab-paser/portal-terpadu", branch: "main" },
    },
    null,
    2,
  )}\n`;
  await writeFile(join(seed, "portal.json"), portalText);
  git(dir, "init", "--quiet", "--bare", "--initial-branch=main", host);
  git(seed, "init", "--quiet", "--initial-branch=main");
  git(seed, "add", "-A");
  git(seed, "commit", "--quiet", "-m", "seed");
  git(seed, "push", "--quiet", host, "main");
  git(dir, "clone", "--quiet", host, dev);

  const auditLog = join(dir, "audit.jsonl");
  let nextPush: (() => Promise<void>) | undefined;
  const writer = await new GitWriter({
    clone: join(dir, "gateway-clone"),
    remote: host,
    identity: gatewayIdentity,
    auditLog,
    beforePush: async () => {
      const run = nextPush;
      nextPush = undefined;
      await run?.();
    },
  }).open();
  const portal = JSON.parse(portalText) as PortalConfig;
  const gateway: Gateway = {
    portal,
    units: new Set(["portal", "dinkes", "bappeda"]),
    writer,
    view: new RepoView(join(dir, "gateway-clone")),
    main: "main",
  };

  return {
    dir,
    host,
    dev,
    auditLog,
    gateway,
    git,
    devCommit: async (files, options = {}) => {
      git(dev, "pull", "--quiet", "--rebase", "origin", "main");
      for (const [path, text] of Object.entries(files)) {
        await writeFile(join(dev, path), text);
        git(dev, "add", path);
      }
      for (const [path, target] of Object.entries(options.symlinks ?? {})) {
        spawnSync("ln", ["-s", target, join(dev, path)]);
        git(dev, "add", path);
      }
      git(dev, "commit", "--quiet", "-m", `dev: ${Object.keys({ ...files, ...options.symlinks }).join(", ")}`);
      git(dev, "push", "--quiet", "origin", "main");
    },
    audit: async () =>
      (await readFile(auditLog, "utf8").catch(() => ""))
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    beforeNextPush: (run) => {
      nextPush = run;
    },
    close: () => rm(dir, { recursive: true, force: true }),
  };
}

/**
 * Drafts' previews for the host's gateway, with the real renderer (a child process), its folders
 * in the host's temporary folder. Close it before the host.
 */
export async function withPreviews(h: GatewayHost, base: Base): Promise<DraftPreviews> {
  const previews = await new DraftPreviews({
    root: join(h.dir, "pratinjau"),
    clone: join(h.dir, "gateway-clone"),
    view: h.gateway.view,
    renderer: startPreviewRenderer(),
    cacheDir: join(h.dir, "cache"),
    base,
  }).open();
  h.gateway.previews = previews;
  return previews;
}

/** The SSO's people: their groups as Keycloak's Group Membership mapper writes them. */
export const ssoUsers: Record<string, { name: string; email: string; groups: string[] }> = {
  ani: { name: "Ani Penulis", email: "ani@paserkab.go.id", groups: ["/portal/dinkes/penulis"] },
  budi: { name: "Budi Verifikator", email: "budi@paserkab.go.id", groups: ["/portal/dinkes/verifikator"] },
  gita: { name: "Gita Verifikator", email: "gita@paserkab.go.id", groups: ["/portal/dinkes/verifikator"] },
  citra: { name: "Citra Bappeda", email: "citra@paserkab.go.id", groups: ["/portal/bappeda/verifikator"] },
  dewi: { name: "Dewi DKISP", email: "dewi@paserkab.go.id", groups: ["/portal/dkisp"] },
  eko: { name: "Eko Tanpa Peran", email: "eko@paserkab.go.id", groups: ["/portal/dinkes2/penulis", "/other"] },
  /** A name and address that would bend a commit's "Name <email>" if taken as they are. */
  fani: { name: "Fani <root@evil>\nCommitter: x", email: "fani@paserkab.go.id>\n", groups: ["/portal/dinkes/penulis"] },
};

/**
 * A real OpenID Connect provider (oidc-provider) at a Keycloak-shaped issuer,
 * `http://127.0.0.1:<port>/realms/paserkab`, with one confidential client for the gateway and
 * its development login form (any password).
 */
/**
 * oidc-provider's reminders that a test provider is a test provider (in-memory store, its own
 * keys, the development login form): true, and noise in every test's output.
 */
function quietProviderNotices(): void {
  const { warn, info } = console;
  const quiet =
    (write: (...args: unknown[]) => void) =>
    (...args: unknown[]) => {
      if (typeof args[0] === "string" && /oidc-provider (WARNING|NOTICE)/.test(args[0])) return;
      write(...args);
    };
  console.warn = quiet(warn);
  console.info = quiet(info);
}

export async function startSso(redirectUris: string[]): Promise<{
  issuer: string;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}> {
  quietProviderNotices();
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const prefix = "/realms/paserkab";
  const issuer = `http://127.0.0.1:${port}${prefix}`;
  const clientId = "portal-gateway";
  const clientSecret = "rahasia-uji-gateway-0123456789abcdef";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: redirectUris,
        post_logout_redirect_uris: redirectUris.map((u) => new URL("/", u).href),
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_post",
      },
    ],
    pkce: { required: () => true },
    claims: { openid: ["sub"], profile: ["name", "preferred_username", "groups"], email: ["email"] },
    conformIdTokenClaims: false,
    findAccount: (_ctx, id) => {
      const user = ssoUsers[id];
      if (!user) return undefined;
      return {
        accountId: id,
        claims: () => ({ sub: id, name: user.name, preferred_username: id, email: user.email, groups: user.groups }),
      };
    },
    cookies: { keys: ["uji-kunci-cookie-sso"] },
  });
  // Plain http on loopback, for the test only.
  provider.proxy = true;
  const callback = provider.callback();
  server.on("request", (req, res) => {
    if (!req.url?.startsWith(prefix)) {
      res.statusCode = 404;
      return res.end();
    }
    // As express mounts it: the provider builds its addresses from the part it was mounted under.
    Object.assign(req, { originalUrl: req.url, baseUrl: prefix });
    req.url = req.url.slice(prefix.length) || "/";
    callback(req, res);
  });
  return {
    issuer,
    clientId,
    clientSecret,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The gateway over HTTP in front of `h`'s host, logging in through a test SSO that knows the
 * sites' callbacks: the sites are `<slug>.localhost:<sitePort>` (the hub on the bare name).
 */
export async function gatewayWithSso(
  h: GatewayHost,
  options: {
    sitePort: number;
    listen: number;
    slugs: string[];
    secret: string;
    now?: () => number;
    rates?: Partial<Rates>;
  },
): Promise<{ sso: Awaited<ReturnType<typeof startSso>>; close: () => Promise<void> }> {
  const apex = `localhost:${options.sitePort}`;
  const sso = await startSso(
    options.slugs.map((s) => `http://${s === h.gateway.portal.hub ? apex : `${s}.${apex}`}/admin/api/callback`),
  );
  const login = await OidcLogin.discover({
    issuer: sso.issuer,
    clientId: sso.clientId,
    clientSecret: sso.clientSecret,
    allowHttp: true,
  });
  const gw = await startGateway({
    gateway: h.gateway,
    apex,
    scheme: "http",
    auth: { kind: "oidc", login, secret: options.secret, sessionHours: 8 },
    ...(options.now ? { now: options.now } : {}),
    ...(options.rates ? { rates: options.rates } : {}),
    port: options.listen,
  });
  return {
    sso,
    close: async () => {
      await gw.close();
      await sso.close();
    },
  };
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json: () => unknown;
}

/** An HTTP request to 127.0.0.1:port with any Host header (Node's fetch cannot set one). */
export function call(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string; connect?: number } = {},
): Promise<HttpReply> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port: options.connect ?? target.port,
        path: `${target.pathname}${target.search}`,
        method: options.method ?? "GET",
        headers: { host: target.host, ...options.headers },
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (d) => (body += d));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: () => JSON.parse(body) as unknown }),
        );
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

/**
 * What a browser does between the gateway's `/login` and its `/callback`: follows the SSO's
 * redirects, keeps its cookies, signs in as `user` on the development form and consents.
 * Resolves with the session cookie the gateway sets (and the callback's reply).
 */
export async function ssoLogin(loginUrl: string, user: string): Promise<{ cookie: string; reply: HttpReply }> {
  const jar = new Map<string, Map<string, string>>();
  const keep = (host: string, headers: IncomingHttpHeaders) => {
    const cookies = jar.get(host) ?? new Map<string, string>();
    for (const line of headers["set-cookie"] ?? []) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
    jar.set(host, cookies);
  };
  const cookieHeader = (host: string) =>
    [...(jar.get(host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join("; ");
  let url = loginUrl;
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 20; hop++) {
    const target = new URL(url);
    const reply = await call(url, {
      method,
      headers: {
        cookie: cookieHeader(target.host),
        ...(body ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(body ? { body } : {}),
    });
    keep(target.host, reply.headers);
    if (target.pathname.endsWith("/admin/api/callback")) {
      const session = jar.get(target.host)?.get("__Host-portal-sesi");
      return { cookie: session ? `__Host-portal-sesi=${session}` : "", reply };
    }
    if (reply.status >= 300 && reply.status < 400) {
      url = new URL(reply.headers.location!, url).href;
      method = "GET";
      body = undefined;
      continue;
    }
    // The SSO's development forms: sign in, then consent.
    const action = /<form[^>]*action="([^"]+)"/.exec(reply.body)?.[1];
    assert.ok(action, `no form on ${url}: ${reply.status} ${reply.body.slice(0, 300)}`);
    const prompt = /name="prompt" value="([^"]+)"/.exec(reply.body)?.[1] ?? "consent";
    url = new URL(action.replace(/&amp;/g, "&"), url).href;
    method = "POST";
    body = new URLSearchParams(prompt === "login" ? { prompt, login: user, password: "sandi" } : { prompt }).toString();
  }
  throw new Error("the SSO never sent the browser back");
}
