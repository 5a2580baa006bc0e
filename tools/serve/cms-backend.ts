import type { IncomingMessage, ServerResponse } from "node:http";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

/** Where each site's CMS finds the local backend, on the site's own origin (no CORS needed). */
export const cmsApiPath = "/api/v1";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/**
 * decap-server's Git mode (its `registerLocalGit` middleware) inside the development server: the
 * CMS of `http://<slug>.localhost:<port>/admin/` commits to this repository, drafts on
 * `cms/<collection>/<slug>` branches (the editorial workflow; decap-server's default file-system
 * mode silently drops it). Served on every site's own origin, because decap-server's standalone
 * CORS rule only admits `localhost`, not `<slug>.localhost`; the development server listens on
 * 127.0.0.1 only.
 */
export async function localCmsBackend(repoDir: string): Promise<Handler> {
  // decap-server reads the repository from its environment; this process is `portal start`.
  process.env.GIT_REPO_DIRECTORY = repoDir;
  const require = createRequire(import.meta.url);
  const express = require("express") as () => Handler & { use: unknown };
  const { registerLocalGit } = require("decap-server/dist/middlewares.js") as {
    registerLocalGit: (app: unknown, options?: { logLevel?: string }) => Promise<void>;
  };
  const app = express();
  await registerLocalGit(app, { logLevel: "warn" });
  return app;
}

/**
 * How many tracked files have changes not committed: decap-server's Git mode rebases its draft
 * branches in this working tree, which Git refuses while they exist (the CMS then reports only
 * "Unknown error"), so `portal start` says so up front. 0 outside a Git repository.
 */
export function uncommittedChanges(repoDir: string): number {
  const status = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], {
    cwd: repoDir,
    encoding: "utf8",
  });
  return status.status === 0 ? status.stdout.split("\n").filter(Boolean).length : 0;
}
