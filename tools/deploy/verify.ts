import type { ReleaseManifest } from "./stage.ts";
import { inspectScript } from "./target-scripts.ts";
import { runScript, siteDirOn, type Target } from "./target.ts";

/**
 * What a site serves now, compared with the hash manifest written when its release was deployed:
 * a file added (an injected page), changed (a defaced one) or missing is reported by path.
 */
export interface SiteIntegrity {
  site: string;
  release?: string;
  files: number;
  added: string[];
  changed: string[];
  missing: string[];
  /** What is neither a file nor a folder (a symlink, a FIFO...), e.g. "slot-gacor.html (symlink to /etc/passwd)". */
  special: string[];
  /** The site could not be inspected (nothing deployed, no manifest, no connection). */
  error?: string;
}

export async function verifySite(target: Target, site: string): Promise<SiteIntegrity> {
  const empty = { site, files: 0, added: [], changed: [], missing: [], special: [] };
  const result = await runScript(target, inspectScript, [siteDirOn(target, site)]);
  if (result.code !== 0) return { ...empty, error: result.stderr.trim() || `exit ${result.code}` };
  const [release, ...rest] = result.stdout.split("\n");
  const separator = rest.indexOf("--");
  let manifest: ReleaseManifest;
  try {
    manifest = JSON.parse(rest.slice(0, separator).join("\n")) as ReleaseManifest;
  } catch {
    return { ...empty, release, error: `the manifest of release ${release} cannot be read` };
  }
  const served = new Map<string, string>();
  const specialAt = rest.indexOf("--special");
  for (const line of rest.slice(separator + 1, specialAt < 0 ? undefined : specialAt)) {
    const match = /^([0-9a-f]{64}) [ *]\.\/(.+)$/.exec(line);
    if (match) served.set(match[2]!, match[1]!);
  }
  const kinds: Record<string, string> = {
    l: "symlink",
    p: "FIFO",
    s: "socket",
    c: "character device",
    b: "block device",
    D: "door",
  };
  const special = (specialAt < 0 ? [] : rest.slice(specialAt + 1))
    .map((line) => /^(\S) \.\/(.+?) -> (.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map(([, type, path, to]) => `${path} (${kinds[type!] ?? type}${type === "l" ? ` to ${to}` : ""})`)
    .sort();
  const expected = new Map(Object.entries(manifest.files));
  const added = [...served.keys()].filter((path) => !expected.has(path)).sort();
  const missing = [...expected.keys()].filter((path) => !served.has(path)).sort();
  const changed = [...expected]
    .filter(([path, hash]) => served.has(path) && served.get(path) !== hash)
    .map(([path]) => path)
    .sort();
  return { site, release, files: served.size, added, changed, missing, special };
}

export function isIntact(integrity: SiteIntegrity): boolean {
  return (
    !integrity.error &&
    integrity.added.length + integrity.changed.length + integrity.missing.length + integrity.special.length === 0
  );
}
