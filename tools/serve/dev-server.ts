import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { archivePrefix, retiredUnitUrl, siteUrls } from "../published/permalinks.ts";
import { siteForHost } from "./host-router.ts";
import { gatewayPath, previewPath } from "../published/gateway-paths.ts";
import { eventsPath, LiveReload } from "./live-reload.ts";
import { resolveFile, sendFile } from "./static-files.ts";

export interface DevServerOptions {
  /** Folder holding one built folder per site. */
  distDir: string;
  domain: string;
  hub: string;
  slugs: () => ReadonlySet<string>;
  /**
   * Retired units, each with whether the hub keeps it as an archive: their names redirect to the
   * hub's page about them (an archive's: each address to its place in it), as nginx does.
   */
  retired?: () => ReadonlyMap<string, { archived: boolean }>;
  port: number;
  host?: string;
  /** The editors' gateway (local mode), answered under `/admin/api/` and `/admin/pratinjau/` on every site's host. */
  cmsApi?: (req: IncomingMessage, res: ServerResponse) => void;
  /** Set with every page under `/admin/`: the key the local gateway asks of a request. */
  adminCookie?: string;
}

/**
 * Serves every built site on its own host name, like production: `<slug>.localhost:<port>` for a
 * unit, `localhost:<port>` for the hub. Loopback only: this is a development server.
 */
export async function startDevServer(
  options: DevServerOptions,
): Promise<{ server: Server; live: LiveReload; url: string; close: () => Promise<void> }> {
  const live = new LiveReload();
  const server = createServer(async (req, res) => {
    try {
      const slug = siteForHost(req.headers.host, { domain: options.domain, hub: options.hub, slugs: options.slugs() });
      const path = (req.url ?? "/").split("?")[0]!;
      const retired = slug ? options.retired?.().get(slug) : undefined;
      if (slug && retired) {
        // Whatever an earlier build left in dist/<slug>/ is never served again, nor its CMS's API.
        const to = retired.archived
          ? `${archivePrefix(slug)}${req.url?.startsWith("/") ? req.url : "/"}`
          : retiredUnitUrl(slug);
        res.writeHead(301, { Location: `http://localhost:${options.port}${to}` }).end();
        return;
      }
      if (slug && (path.startsWith(`${gatewayPath}/`) || path.startsWith(`${previewPath}/`)) && options.cmsApi)
        return options.cmsApi(req, res);
      if (req.method !== "GET" && req.method !== "HEAD") {
        res.writeHead(405, { Allow: "GET, HEAD" }).end();
        return;
      }
      if (!slug) {
        res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" });
        res.end(
          `<!doctype html><html lang="id"><title>Situs tidak ditemukan</title><h1>Situs tidak ditemukan</h1><p>Tidak ada situs unit bernama ${escapeHtml(String(req.headers.host))}.</p><p><a href="http://localhost:${options.port}/">Portal induk</a></p></html>`,
        );
        return;
      }
      if (path === eventsPath) return live.connect(req, res, slug);
      const root = join(options.distDir, slug);
      const file = await resolveFile(root, path);
      res.setHeader("Cache-Control", "no-cache");
      // The hub's search merges every unit's index from the unit's own origin (as in production,
      // where the web server sends the same header for this folder).
      if (path.startsWith(siteUrls.searchIndex)) res.setHeader("Access-Control-Allow-Origin", "*");
      if (file) {
        if (!path.endsWith("/") && file.endsWith("index.html") && !path.endsWith("index.html")) {
          res.writeHead(301, { Location: `${path}/` }).end();
          return;
        }
        // Never in the CMS: a rebuild (which saving in the CMS itself causes) would reload the
        // editor's page and drop what they are typing.
        const inject = path.startsWith(siteUrls.admin) ? undefined : (html: string) => live.inject(html, slug);
        if (path.startsWith(siteUrls.admin) && options.adminCookie) res.setHeader("Set-Cookie", options.adminCookie);
        return await sendFile(res, file, 200, inject);
      }
      const notFound = join(root, "404.html");
      if (existsSync(notFound)) return await sendFile(res, notFound, 404, (html) => live.inject(html, slug));
      res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Halaman tidak ditemukan");
    } catch (error) {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    }
  });
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, host, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    server,
    live,
    url: `http://localhost:${port}/`,
    close: () =>
      new Promise((resolve) => {
        live.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
