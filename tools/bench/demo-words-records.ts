import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { parseMarkdown } from "../content/front-matter.ts";
import { dateFilters } from "../published/indonesian-dates.ts";
import { type HubSearchRecord, hubSearchRecords, hubSearchShare } from "../pipeline/stages/hub-search-records.ts";

/**
 * A full hub search index of a regency written in the demo's own words: the synthetic regency's
 * posts repeat a handful of words ("Berita nomor 5 dari unit001 tentang pelayanan publik"), so
 * Pagefind's index of its records is a fraction of a real one's, and so is what a first search
 * loads of it (each query loads the chunks of its words, about 15 KB each once the index is
 * larger than one). These records take their titles from the demo's Markdown and their summaries
 * from the sentences of its pages, at random but the same every run: `units` units, each with its
 * full share of the hub's records (hubSearchShare), made by hub-search-records.ts as for the hub.
 */
export async function demoWordsRecords(sitesDir: string, units: number): Promise<HubSearchRecord[]> {
  const { titles, sentences } = await demoWords(sitesDir);
  if (!titles.length || !sentences.length) throw new Error(`${sitesDir}: no titles or sentences to take words from`);
  const share = hubSearchShare(units);
  let seed = 27;
  // Mulberry32, seeded: the same records at every run, so runs compare.
  const pick = <T>(list: readonly T[]): T => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return list[Math.floor((((t ^ (t >>> 14)) >>> 0) / 4_294_967_296) * list.length)]!;
  };
  const day = Date.UTC(2026, 0, 1);
  const entries = Array.from({ length: units }, (_, u) => ({
    unit: `Unit Contoh ${u + 1}`,
    items: Array.from({ length: share }, (_, i) => ({
      type: "berita",
      title: pick(titles),
      summary: pick(sentences),
      url: `https://unit${u + 1}.contohkab.go.id/berita/kabar-${i + 1}/`,
      date: new Date(day + i * 86_400_000).toISOString(),
    })),
  }));
  return hubSearchRecords(entries, [], dateFilters("Asia/Makassar").tanggal, share).older;
}

/** Every title of the demo's Markdown, and every sentence of 8 to 30 words of its pages' text. */
async function demoWords(sitesDir: string): Promise<{ titles: string[]; sentences: string[] }> {
  const titles: string[] = [];
  const sentences: string[] = [];
  const files = (await readdir(sitesDir, { recursive: true })).filter((f) => f.endsWith(".md")).sort();
  for (const file of files) {
    const { parsed } = parseMarkdown(await readFile(join(sitesDir, file), "utf8"), file);
    if (!parsed) continue;
    if (typeof parsed.data.title === "string") titles.push(parsed.data.title);
    // The text a reader sees, roughly: Markdown's marks and links' targets left out.
    const text = parsed.body.replace(/\]\([^)]*\)/g, "]").replace(/[#*_>[\]`|]/g, " ");
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      const words = sentence.trim().split(/\s+/);
      if (words.length >= 8 && words.length <= 30) sentences.push(words.join(" "));
    }
  }
  return { titles, sentences };
}
