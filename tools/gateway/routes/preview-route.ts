import { previewPath } from "../../published/gateway-paths.ts";
import { formatProblem } from "../../problems/problem.ts";
import { gatewayRefusal, type GatewayRefusalCode } from "../../problems/gateway-refusals.ts";
import { resolveFile, sendFile } from "../../serve/static-files.ts";
import { grantsOf } from "../access.ts";
import type { GatewayHttp, GatewayRequest } from "./gateway-http.ts";
import { page } from "./http.ts";

/** `/admin/pratinjau/<unit>_<type>/<entry>/<page>`: Decap's collection and entry name the draft. */
const address = new RegExp(`^${previewPath}/([a-z0-9-]+)_([a-z]+)/([a-z0-9]+(?:-[a-z0-9]+)*)(/.*)?$`);

/** What every answer of a preview carries: for this editor only, never kept, never indexed. */
const privateHeaders = {
  "cache-control": "private, no-store",
  "x-robots-tag": "noindex, nofollow, noarchive",
  "referrer-policy": "same-origin",
};

/**
 * `GET /admin/pratinjau/...`: a draft's preview (draft-previews.ts), on its own unit's origin
 * only, to an editor signed in there with a role in that unit, or DKISP. Each request renders the
 * draft again first if its files changed since, so the page shown is the draft as saved.
 */
export async function previewRoute(http: GatewayHttp, r: GatewayRequest): Promise<void> {
  const refuse = async (code: GatewayRefusalCode, user?: string, link?: [string, string]) => {
    const refusal = gatewayRefusal(code, {} as never);
    await http.audit({
      user,
      unit: r.site,
      action: "preview",
      status: refusal.status,
      reason: refusal.reason,
      address: r.address,
    });
    for (const [name, value] of Object.entries(privateHeaders)) r.res.setHeader(name, value);
    return page(r.res, refusal.status, refusal.title ?? "", refusal.message, link);
  };
  if (r.req.method !== "GET" && r.req.method !== "HEAD") {
    r.res.writeHead(405, { allow: "GET, HEAD" }).end();
    return;
  }
  const byAddress = await http.limit("apiPerAddress", r.address);
  if (!byAddress.ok) return r.tooMany(byAddress.retryAfter);
  const m = address.exec(r.url.pathname);
  const [unit, type, entry, rest] = m ? [m[1]!, m[2]!, m[3]!, m[4]] : [];
  const { previews, portal, units } = http.gateway;
  // A preview is served on its own unit's origin only.
  if (!unit || !type || !entry || unit !== r.site || !previews || type === "registry")
    return refuse("preview-not-found");
  if (!rest) {
    r.res.writeHead(301, { location: `${r.url.pathname}/`, ...privateHeaders }).end();
    return;
  }
  const who = http.editorOf(r.req, r.host, r.site);
  if (!who.ok) return refuse("preview-not-signed-in", undefined, ["/admin/", "Buka pengelola isi"]);
  const grants = grantsOf(who.editor.groups, who.local ? {} : portal, units);
  if (!grants.units.has(unit) && !grants.dkisp) return refuse("preview-not-allowed", who.editor.id);
  const preview = await previews.ensure(`${unit}_${type}`, entry, unit);
  if (!preview) return refuse("preview-not-found", who.editor.id, ["/admin/", "Buka pengelola isi"]);
  const result = await preview.done;
  for (const [name, value] of Object.entries(privateHeaders)) r.res.setHeader(name, value);
  if (!result.ok)
    return page(
      r.res,
      200,
      "Pratinjau belum dapat dibuat",
      `Draf ini tersimpan, tetapi halamannya belum dapat dibuat: ${result.problems.map(formatProblem).join(" · ")}`,
      ["/admin/", "Kembali ke pengelola isi"],
    );
  const file = await resolveFile(previews.pagesOf(preview), rest);
  if (!file) return refuse("preview-page-not-found", who.editor.id, [`${preview.prefix}/`, "Beranda pratinjau"]);
  if (!rest.endsWith("/") && file.endsWith("index.html") && !rest.endsWith("index.html")) {
    r.res.writeHead(301, { location: `${r.url.pathname}/` }).end();
    return;
  }
  return sendFile(r.res, file, 200);
}
