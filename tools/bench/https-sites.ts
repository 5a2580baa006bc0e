import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRegistry } from "../content/registry.ts";
import { readPortal } from "../content/validate-workspace.ts";
import type { Workspace } from "../core/workspace.ts";
import { deploySites } from "../deploy/deploy.ts";
import { nginxConfig } from "../deploy/nginx-config.ts";
import { parseTarget } from "../deploy/target.ts";
import { freePort } from "../test/browser.ts";
import { brotliModule, selfSignedCertificate, startNginx } from "../test/nginx.ts";

/**
 * Built sites as citizens get them: deployed (files precompressed by tools/deploy/stage.ts) to a
 * temporary folder and served by a real nginx with the generated configuration, over TLS and
 * HTTP/2, as docs/operations/server.md sets up production, on `https://localhost:<port>` and
 * `https://<slug>.localhost:<port>` (a self-signed certificate: open them in a browser context
 * that ignores certificate errors). What a page costs is then measured, not estimated: brotli or
 * gzip as nginx chooses, and headers as HTTP/2 compresses them.
 */
export interface HttpsSites {
  port: number;
  /** Deploys `slugs` again from the dist folder (after a change to their files). */
  deploy: (slugs: readonly string[]) => Promise<void>;
  close: () => Promise<void>;
}

/**
 * Serves `slugs` of `distDir` (built for `https://localhost:<port>`, so take the port first:
 * `port`). The workspace gives the registry and portal.json, as for `npm run nginx-config`.
 */
export async function serveOverHttps(options: {
  ws: Workspace;
  distDir: string;
  slugs: readonly string[];
  port: number;
}): Promise<HttpsSites> {
  const { ws, distDir, port } = options;
  const dir = await mkdtemp(join(tmpdir(), "portal-https-"));
  const target = join(dir, "srv");
  const deploy = async (slugs: readonly string[]) => {
    const results = await deploySites({
      distDir,
      stagingDir: join(dir, "staging"),
      target: parseTarget(target),
      sites: [...slugs],
      keep: 2,
      shareFrom: slugs[0],
    });
    const failed = results.filter((r) => !r.ok);
    if (failed.length) throw new Error(failed.map((r) => `deploy of ${r.site}: ${r.error}`).join("\n"));
  };
  try {
    await deploy(options.slugs);
    const { portal, problems } = await readPortal(ws);
    if (!portal) throw new Error(`${ws.root}: portal.json: ${problems.map((p) => p.message).join("; ")}`);
    const sites = await readRegistry(ws);
    const httpPort = await freePort();
    const nginx = await startNginx(
      (p) =>
        nginxConfig({
          portal,
          sites,
          root: target,
          base: { protocol: "https:", apex: `localhost:${p}` },
          listen: `127.0.0.1:${p}`,
          httpListen: `127.0.0.1:${httpPort}`,
          tls: selfSignedCertificate(dir),
          brotli: existsSync(brotliModule),
        }),
      port,
    );
    return {
      port,
      deploy,
      close: async () => {
        await nginx.stop();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
