/**
 * In every built site, beside where the CMS's files go (`admin/decap/`): which bundle they are.
 * The build writes it (pipeline/stages/publish.ts); the deploy adds the files it names
 * (deploy/cms-files.ts); the link checker counts them as served.
 */
export const bundleManifestName = "bundle.json";

/** What a built site's `admin/decap/bundle.json` says: the bundle's key, backend and files. */
export interface SiteBundleManifest {
  key: string;
  backend?: string;
  files: string[];
}

/** The manifest's text for `bundle` (publish.ts writes it into every built site). */
export function bundleManifestText(bundle: SiteBundleManifest): string {
  const manifest: SiteBundleManifest = {
    key: bundle.key,
    ...(bundle.backend ? { backend: bundle.backend } : {}),
    files: bundle.files,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * What `text` (a built site's `admin/decap/bundle.json`) says, or an Error saying it is not that
 * manifest. The deploy refuses such a site; the link checker counts none of its CMS files as served.
 */
export function parseSiteBundleManifest(text: string): SiteBundleManifest | Error {
  try {
    const m = JSON.parse(text) as Partial<SiteBundleManifest> | null;
    if (
      m &&
      typeof m.key === "string" &&
      (m.backend === undefined || typeof m.backend === "string") &&
      Array.isArray(m.files) &&
      m.files.every((f) => typeof f === "string")
    )
      return { key: m.key, ...(m.backend ? { backend: m.backend } : {}), files: m.files };
  } catch {}
  return new Error("not the CMS's manifest the build writes");
}
