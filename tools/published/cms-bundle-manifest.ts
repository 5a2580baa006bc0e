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
