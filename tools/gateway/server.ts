import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gatewayRefusal } from "../problems/gateway-refusals.ts";
import { apiRoute } from "./routes/api.ts";
import {
  gatewayHttp,
  requestOf,
  type GatewayHttp,
  type GatewayRequest,
  type GatewayServerOptions,
} from "./routes/gateway-http.ts";
import { json, jsonRefusal } from "./routes/http.ts";
import { callbackRoute, loggedInAgainRoute, loginRoute } from "./routes/login-routes.ts";
import { logoutRoute, sessionRoute } from "./routes/session-routes.ts";
import { previewRoute } from "./routes/preview-route.ts";
import { previewPath } from "../published/gateway-paths.ts";

export { localCookie, type GatewayAuth, type GatewayServerOptions } from "./routes/gateway-http.ts";

/**
 * Every route of the editors' gateway under `/admin/api/` on every site's origin, one handler
 * each in routes/. `local: false`: not in `npm start`'s local mode, which has no SSO. Drafts'
 * previews are served under `/admin/pratinjau/` (routes/preview-route.ts).
 */
const routes: readonly {
  method: "GET" | "POST";
  route: string;
  local: boolean;
  handle: (http: GatewayHttp, r: GatewayRequest) => Promise<void>;
}[] = [
  // Decap's proxy API (routes/api.ts, then the actions' table in actions/index.ts).
  { method: "POST", route: "/v1", local: true, handle: apiRoute },
  // Who is logged in here, or 401 with where to log in.
  { method: "GET", route: "/session", local: true, handle: sessionRoute },
  // The SSO round trip; in local mode /login only asks to load /admin/ again.
  { method: "GET", route: "/login", local: true, handle: loginRoute },
  { method: "GET", route: "/callback", local: false, handle: callbackRoute },
  // From the site's own page only (its `Origin`): ends the session, then the SSO's.
  { method: "POST", route: "/logout", local: false, handle: logoutRoute },
  // The page a login opened beside the CMS ends on.
  { method: "GET", route: "/masuk-selesai", local: false, handle: loggedInAgainRoute },
];

/** The editors' gateway over HTTP: each request to a known site, to its route. */
export function gatewayHandler(options: GatewayServerOptions): (req: IncomingMessage, res: ServerResponse) => void {
  const http = gatewayHttp(options);
  const local = options.auth.kind === "local";
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const site = http.siteOf(req.headers.host);
    if (!site) return jsonRefusal(res, "unknown-site", {});
    const r = requestOf(http, req, res, site);
    if (r.url.pathname.startsWith(`${previewPath}/`)) return previewRoute(http, r);
    const found = routes.find((x) => x.route === r.route && (x.local || !local));
    if (found && found.method === req.method) return found.handle(http, r);
    if (found) return jsonRefusal(res, "method-not-allowed", {}, { headers: { allow: found.method } });
    if (req.method !== "GET") return jsonRefusal(res, "method-not-allowed", {});
    return jsonRefusal(res, local ? "no-sso-locally" : "route-not-found", {});
  };
  return (req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(
        `gateway: ${req.method} ${req.url}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      if (!res.headersSent) json(res, 500, { error: gatewayRefusal("server-error", {}).message });
      else res.destroy();
    });
  };
}

/** The gateway listening on `host:port` (127.0.0.1 behind nginx). */
export async function startGateway(
  options: GatewayServerOptions & { port: number; host?: string },
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = createServer(gatewayHandler(options));
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${port}`,
    port,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
