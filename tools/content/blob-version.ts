import { createHash } from "node:crypto";

/**
 * The Git blob id of a file's bytes (what `git hash-object` prints for it): which version of an
 * entry a page was built from (the page's `portal:versi`, filters/source-version.ts). Validation
 * names it as it reads each content file, so the build never reads one again for it.
 */
export function blobVersion(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
