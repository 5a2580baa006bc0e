import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import type { Base } from "../published/site-origin.ts";
import { DraftPreviews, type PreviewRenderer } from "./draft-previews.ts";
import { GitWriter } from "./git-writer.ts";
import type { Gateway } from "./actions/gateway.ts";
import { RepoView } from "./repo-view.ts";
import { gatewayHandler, localCookie } from "./server.ts";

/**
 * `npm start`'s CMS: the editors' gateway in its local mode. The same rules as production (each
 * site's `/admin/` reaches only that unit's folder, and the hub's DKISP's; every save validated,
 * uploads re-encoded), with a local identity instead of the SSO (for the pages under /admin/ this
 * dev server served, which carry this start's key in a cookie), and no Git host: the gateway
 * works in its own clone under .cache/ and pushes into this repository, drafts as `cms/` branches
 * and publications onto the checked-out main, whose files Git updates in place (a working tree
 * with uncommitted changes to tracked files refuses such a push, and the editor is told so).
 */
export async function localGateway(
  ws: Workspace,
  portal: PortalConfig,
  units: ReadonlySet<string>,
  options: {
    port: number;
    main?: string;
    /** Renders drafts' previews (the pipeline's renderer); without it the CMS shows none. */
    previews?: { renderer: PreviewRenderer; base: Base };
  },
): Promise<{
  handler: (req: IncomingMessage, res: ServerResponse) => void;
  gateway: Gateway;
  /** The Set-Cookie the dev server sends with every page under /admin/: this start's key. */
  adminCookie: string;
}> {
  const config = (key: string) =>
    spawnSync("git", ["config", key], { cwd: ws.root, encoding: "utf8" }).stdout?.trim() || undefined;
  const main =
    options.main ??
    (spawnSync("git", ["symbolic-ref", "--short", "HEAD"], { cwd: ws.root, encoding: "utf8" }).stdout?.trim() ||
      "main");
  const clone = join(ws.cacheDir, "gateway", "clone");
  const writer = await new GitWriter({
    clone,
    remote: ws.root,
    identity: { name: "Portal Gateway (lokal)", email: `portal-gateway@${portal.domain}` },
    auditLog: join(ws.cacheDir, "gateway", "audit.jsonl"),
    main,
    receivePack: "git -c receive.denyCurrentBranch=updateInstead receive-pack",
  }).open();
  const view = new RepoView(clone);
  // The watcher rebuilds a published unit within seconds: "within a minute" is true here.
  const gateway: Gateway = { portal, units, writer, view, main, explain: true, liveWithinMinutes: 1 };
  if (options.previews)
    gateway.previews = await new DraftPreviews({
      root: join(ws.cacheDir, "gateway", "pratinjau"),
      clone,
      view,
      renderer: options.previews.renderer,
      // The encoded images of the sites' own builds: a preview encodes only what is new.
      cacheDir: ws.cacheDir,
      base: options.previews.base,
      // The hub's preview lists the units as this start built them.
      published: ws.distDir,
      // As npm start builds the sites: WebP and JPEG only, encoded quickly.
      quickImages: true,
    }).open();
  // A new key at each start: only pages this dev server served can write through its gateway.
  const key = randomBytes(24).toString("base64url");
  const handler = gatewayHandler({
    gateway,
    apex: `localhost:${options.port}`,
    scheme: "http",
    auth: {
      kind: "local",
      // The developer's Git identity: their name in the CMS, their e-mail in the audit log (where
      // the SSO's subject stands in production), as docs/cms-and-gateway.md says.
      editor: {
        id: config("user.email") ?? config("user.name") ?? "lokal",
        name: config("user.name") ?? "Pengembang lokal",
        email: config("user.email") ?? `pengembang@${portal.domain}`,
      },
      key,
    },
  });
  return { handler, gateway, adminCookie: `${localCookie}=${key}; Path=/admin/; HttpOnly; SameSite=Strict` };
}
