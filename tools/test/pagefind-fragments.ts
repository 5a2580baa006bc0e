import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";

/** One page as a Pagefind index holds it (its fragment: what a result shows). */
export interface PagefindFragment {
  url: string;
  content: string;
  filters: Record<string, string[]>;
  meta: Record<string, string>;
}

/**
 * Every page of the Pagefind index in `bundle` (a site's `pagefind/` folder), read from its
 * fragment files: gzip, then Pagefind's 12-byte "pagefind_dcd" marker, then JSON.
 */
export async function pagefindFragments(bundle: string): Promise<PagefindFragment[]> {
  const dir = join(bundle, "fragment");
  const names = await readdir(dir);
  return Promise.all(
    names.map(async (name) => {
      const raw = gunzipSync(await readFile(join(dir, name))).toString("utf8");
      if (!raw.startsWith("pagefind_dcd")) throw new Error(`${name}: not a Pagefind fragment`);
      return JSON.parse(raw.slice("pagefind_dcd".length)) as PagefindFragment;
    }),
  );
}

/**
 * Every page of the hub's index of the units' records (`pagefind/units/`), read from each of its
 * parts (`<part>/`, records-index.ts), in the order of the parts.
 */
export async function unitsIndexFragments(unitsDir: string): Promise<PagefindFragment[]> {
  const parts = (await readdir(unitsDir)).filter((name) => /^\d+$/.test(name)).sort((a, b) => Number(a) - Number(b));
  return (await Promise.all(parts.map((part) => pagefindFragments(join(unitsDir, part))))).flat();
}
