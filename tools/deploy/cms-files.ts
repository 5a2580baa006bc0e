import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { bundleManifestName, parseSiteBundleManifest } from "../published/cms-bundle-manifest.ts";
import { type DecapBundle, decapBundle } from "../cms/decap-bundle.ts";

/**
 * The CMS's files a built site names but does not hold (publish.ts writes only
 * `admin/decap/bundle.json` into `dist/`, so Nx's cache keeps no copy of the CMS per site), as
 * release path → file in this checkout's bundle cache, for the deploy to stage with the site.
 * The bundle is built here if missing (the same packages, so the same key); a site built with
 * another bundle (another checkout, another Decap) is refused with the reason, never deployed with
 * files its pages do not name. `bundles` keeps each bundle found, by backend, across sites.
 */
export async function cmsFilesOf(
  source: string,
  bundles: Map<string, Promise<DecapBundle>>,
): Promise<Record<string, string>> {
  const dir = join(source, "admin", "decap");
  const manifestFile = join(dir, bundleManifestName);
  // No CMS (an archive), or its files already there (a build for npm start).
  if (!existsSync(manifestFile) || existsSync(join(dir, "decap-cms.js"))) return {};
  const manifest = parseSiteBundleManifest(await readFile(manifestFile, "utf8"));
  if (manifest instanceof Error) throw new Error(`${manifestFile} is ${manifest.message}: build the site again`);
  const backend = manifest.backend ?? "";
  if (!bundles.has(backend)) bundles.set(backend, decapBundle(manifest.backend));
  const bundle = await bundles.get(backend)!;
  if (bundle.key !== manifest.key)
    throw new Error(
      `${source} was built with the CMS's bundle ${manifest.key}, and this checkout makes ${bundle.key} (another Decap or esbuild, or another backend): build the site again with this checkout, then deploy`,
    );
  return Object.fromEntries(bundle.files.map((name) => [`admin/decap/${name}`, join(bundle.dir, name)]));
}
