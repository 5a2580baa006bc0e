import { join } from "node:path";
import { retirementOf, type PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { ownersOf } from "../gateway/access.ts";
import { GitWriter } from "../gateway/git-writer.ts";
import { OidcLogin } from "../gateway/oidc-login.ts";
import type { Gateway } from "../gateway/actions/gateway.ts";
import { RepoView } from "../gateway/repo-view.ts";
import { DraftPreviews } from "../gateway/draft-previews.ts";
import { startPreviewRenderer } from "../pipeline/preview-renderer.ts";
import { startGateway } from "../gateway/server.ts";

export interface GatewayFlags {
  remote?: string;
  clone?: string;
  auditLog?: string;
  port?: string;
  sessionHours?: string;
  /** Where the sites are (default: portal.json's domain); `localhost:8080` for a trial. */
  apex?: string;
  /** Plain-http site origins and SSO: a trial on one machine only. */
  http?: boolean;
}

/** A JSON file's value, or nothing when it does not parse (validation reports that file). */
function parsed(bytes: Buffer): unknown {
  try {
    return JSON.parse(bytes.toString("utf8"));
  } catch {
    return undefined;
  }
}

/** A remote's address without its credential, for messages. */
const shown = (remote: string) => remote.replace(/\/\/[^@/]+@/, "//***@");

/** portal.json and the units, as the host's main has them now. */
export async function hostState(view: RepoView, main: string): Promise<{ portal: PortalConfig; units: Set<string> }> {
  const file = await view.read(main, "portal.json");
  if (!file) throw new Error(`the host's ${main} has no portal.json`);
  const portal = JSON.parse(file.bytes.toString("utf8")) as PortalConfig;
  const units = new Set<string>();
  for (const f of await view.list(main, "sites", 2)) {
    const slug = /^sites\/([a-z0-9-]+)\/site\.json$/.exec(f.path)?.[1];
    if (slug === undefined) continue;
    // A retired unit's folder is nobody's to edit any more, whatever SSO groups its staff still
    // have: an archive's pages are published on the hub (retire-site --archive) as they were.
    const record = await view.read(main, f.path);
    if (record && retirementOf(parsed(record.bytes)) !== "live") continue;
    units.add(slug);
  }
  return { portal, units };
}

/**
 * `portal gateway`: the editors' gateway in front of the Git host and the regency's SSO. Its
 * secrets come from the environment, never the command line (which `ps` shows to every user):
 * PORTAL_GATEWAY_REMOTE (the repository's URL with the gateway's one credential),
 * PORTAL_GATEWAY_SECRET (signs sessions; 32 characters or more), PORTAL_OIDC_ISSUER,
 * PORTAL_OIDC_CLIENT_ID, PORTAL_OIDC_CLIENT_SECRET.
 */
export async function runGateway(ws: Workspace, flags: GatewayFlags): Promise<number> {
  const env = process.env;
  const remote = flags.remote ?? env.PORTAL_GATEWAY_REMOTE;
  const settings = {
    PORTAL_GATEWAY_REMOTE: remote,
    PORTAL_GATEWAY_SECRET: env.PORTAL_GATEWAY_SECRET,
    PORTAL_OIDC_ISSUER: env.PORTAL_OIDC_ISSUER,
    PORTAL_OIDC_CLIENT_ID: env.PORTAL_OIDC_CLIENT_ID,
    PORTAL_OIDC_CLIENT_SECRET: env.PORTAL_OIDC_CLIENT_SECRET,
  };
  const missing = Object.entries(settings)
    .filter(([, v]) => !v)
    .map(([k]) => k);
  const problems = missing.map((k) => `${k} is not set.`);
  if (settings.PORTAL_GATEWAY_SECRET && settings.PORTAL_GATEWAY_SECRET.length < 32)
    problems.push("PORTAL_GATEWAY_SECRET is shorter than 32 characters (e.g. `openssl rand -base64 48`).");
  const port = Number(flags.port ?? env.PORT ?? 8790);
  if (!Number.isInteger(port) || port < 0 || port > 65535) problems.push(`--port ${flags.port} is not a port.`);
  const sessionHours = Number(flags.sessionHours ?? 8);
  if (!(sessionHours > 0 && sessionHours <= 24)) problems.push("--session-hours must be between 0 and 24.");
  if (problems.length) {
    console.error(
      `The gateway cannot start:\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee docs/operations/gateway.md.`,
    );
    return 2;
  }

  const clone = flags.clone ?? join(ws.cacheDir, "gateway", "repo");
  const view = new RepoView(clone);
  let state: Awaited<ReturnType<typeof hostState>>;
  let writer: GitWriter;
  try {
    // The identity comes from the host's portal.json, read after the first fetch.
    const probe = await new GitWriter({
      clone,
      remote: remote!,
      identity: { name: "Portal Gateway", email: "portal-gateway@invalid" },
      auditLog: "/dev/null",
    }).open();
    await probe.refresh(0);
    state = await hostState(view, "main");
    writer = new GitWriter({
      clone,
      remote: remote!,
      identity: { name: "Portal Gateway", email: ownersOf(state.portal).gatewayEmail },
      auditLog: flags.auditLog ?? join(ws.cacheDir, "gateway", "audit.jsonl"),
      main: state.portal.cms?.branch ?? "main",
    });
    await writer.open();
  } catch (error) {
    console.error(
      `The gateway cannot read the repository at ${shown(remote!)}: ${(error as Error).message.split(remote!).join(shown(remote!))}`,
    );
    return 1;
  }
  let login: OidcLogin;
  try {
    login = await OidcLogin.discover({
      issuer: settings.PORTAL_OIDC_ISSUER!,
      clientId: settings.PORTAL_OIDC_CLIENT_ID!,
      clientSecret: settings.PORTAL_OIDC_CLIENT_SECRET!,
      allowHttp: flags.http === true,
    });
  } catch (error) {
    console.error(`The gateway cannot reach the SSO at ${settings.PORTAL_OIDC_ISSUER}: ${(error as Error).message}`);
    return 1;
  }

  const gateway: Gateway = {
    portal: state.portal,
    units: state.units,
    writer,
    view,
    main: state.portal.cms?.branch ?? "main",
  };
  // A unit added, or portal.json's groups changed, on the host: taken up within a minute.
  const timer = setInterval(() => {
    writer
      .refresh(0)
      .then(() => hostState(view, gateway.main))
      .then((next) => {
        gateway.portal = next.portal;
        gateway.units = next.units;
      })
      .catch((error: Error) => console.error(`gateway: cannot refresh from the host: ${error.message}`));
  }, 60_000);
  timer.unref();

  const apex = flags.apex ?? state.portal.domain;
  // Drafts' previews are rendered here, by the same generator, in a process of their own.
  gateway.previews = await new DraftPreviews({
    root: join(ws.cacheDir, "gateway", "pratinjau"),
    clone,
    view,
    renderer: startPreviewRenderer(),
    cacheDir: ws.cacheDir,
    base: { protocol: flags.http ? "http:" : "https:", apex },
  }).open();
  const server = await startGateway({
    gateway,
    apex,
    scheme: flags.http ? "http" : "https",
    auth: { kind: "oidc", login, secret: settings.PORTAL_GATEWAY_SECRET!, sessionHours },
    port,
  });
  console.log(
    `Editors' gateway on ${server.url} for ${state.units.size} sites of ${apex} (nginx sends /admin/api/ here), pushing to ${shown(remote!)}.`,
  );
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(timer);
  await server.close();
  await gateway.previews.close();
  return 0;
}
