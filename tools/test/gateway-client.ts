import { seal } from "../gateway/session.ts";
import { call, type GatewayHost, ssoUsers } from "./gateway-host.ts";

/**
 * Requests to the gateway as the editors' browsers make them, for the tests of the gateway over
 * HTTP: each user's session cookie (sealed as the gateway's login seals it), the site's `Host`
 * and `Origin`, and the `base` admin.js adds to a write (the version the page loaded).
 */
export function gatewayClient(h: () => GatewayHost, port: () => number, secret: string) {
  const site = (slug: string) => (slug === "portal" ? `localhost:${port()}` : `${slug}.localhost:${port()}`);
  const origin = (slug: string) => `http://${site(slug)}`;
  /** A session as the gateway seals it at login (server.test.ts tests the login itself). */
  const session = (user: string, slug: string, hours = 1) =>
    `__Host-portal-sesi=${seal(
      { id: user, ...ssoUsers[user]!, host: site(slug), expires: Math.floor(Date.now() / 1000 + hours * 3600) },
      secret,
    )}`;
  const api = async (
    user: string | undefined,
    slug: string,
    action: string,
    params: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ) => {
    const reply = await call(`${origin(slug)}/admin/api/v1`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: origin(slug),
        ...(user ? { cookie: session(user, slug) } : {}),
        ...headers,
      },
      body: JSON.stringify({ action, params: { branch: "main", ...withBase(action, params) } }),
    });
    return { status: reply.status, body: reply.json() as Record<string, unknown> & { error?: string } };
  };
  /** The version of `path` on the host's `ref`, or null: what an editor's page loaded last. */
  const latest = (path: string, ref: string) => {
    try {
      return h().git(h().host, "rev-parse", "--verify", "--quiet", `${ref}:${path}`) || null;
    } catch {
      return null;
    }
  };
  const onHost = (branch: string) => h().git(h().host, "branch", "--list", branch) !== "";
  /**
   * The `base` admin.js sends, for an editor who loaded the latest version (tests of an older
   * version give their own): the draft's file where the draft exists, main's otherwise.
   */
  const withBase = (action: string, params: Record<string, unknown>) => {
    if (params.base !== undefined) return params;
    const entryOf = (collection: string, slug: string) =>
      collection.endsWith("_registry")
        ? `sites/${slug}/site.json`
        : `sites/${collection.split("_")[0]}/content/${collection.split("_")[1]}/${slug}.md`;
    if (action === "persistEntry") {
      const files = (params.dataFiles ?? []) as { path: string; slug: string }[];
      const options = (params.options ?? {}) as { useWorkflow?: boolean; collectionName?: string };
      const branch = `cms/${options.collectionName}/${files[0]?.slug}`;
      const ref = options.useWorkflow && onHost(branch) ? branch : "main";
      return { ...params, base: Object.fromEntries(files.map((f) => [f.path, latest(String(f.path), ref)])) };
    }
    if (action === "publishUnpublishedEntry" || action === "updateUnpublishedEntryStatus") {
      const path = entryOf(String(params.collection), String(params.slug));
      const branch = `cms/${params.collection}/${params.slug}`;
      return { ...params, base: { [path]: latest(path, onHost(branch) ? branch : "main") } };
    }
    return params;
  };
  /** The text of `path` on the host's `ref`, or undefined where it is missing. */
  const hostFile = (path: string, ref = "main") => {
    try {
      return h().git(h().host, "show", `${ref}:${path}`);
    } catch {
      return undefined;
    }
  };
  return { site, origin, session, api, latest, onHost, hostFile };
}
