import assert from "node:assert/strict";
import { formatProblem } from "../problems/problem.ts";
import { readdir, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { remove } from "confusables";
import { Parser } from "htmlparser2";
import { seeded, pick } from "../demo/random.ts";
import { buildSites } from "../pipeline/build-sites.ts";
import { hostileNow, hostileWorkspace, newsItem, type HostileWorkspace } from "../test/hostile-workspace.ts";
import { portalDefaults } from "../core/portal-defaults.ts";

/**
 * A property of validation and the build together (issue 23): whatever validation accepts
 * renders no link off the allowlist and no listed gambling phrase. Hundreds of link and text
 * variants are generated from a fixed seed (schemes with and without slashes, case, entities,
 * invisible characters, look-alike letters, signs for letters, emphasis, words run together or
 * spaced out), each in its own file of one unit; the unit is validated, the files it refuses are
 * removed, the rest is built for real, and every page built is read back as a browser would
 * read it: its links through the URL parser from both an https and an http page, its text with
 * every mark and space removed.
 */

const seed = "issue-23-property";
const linkVariants = 160;
const textVariants = 160;
const allowed = [...portalDefaults.links.allowed_domains, "paserkab.go.id"];

/** What a generated file is for, so that a failure names the variant. */
interface Variant {
  name: string;
  body: string;
  title?: string;
}

function linkVariant(rand: () => number, i: number): Variant {
  const scheme = pick(rand, ["http", "https", "HTTP", "hTTpS", "ftp", "ws", "wss", ""]);
  const separator =
    scheme === ""
      ? pick(rand, ["//", "\\\\", "/\\", "///"])
      : pick(rand, ["://", ":", ":/", ":\\\\", ":///", ":\\/", ":/\t/"]);
  const host = pick(rand, [
    "evil.example",
    "EVIL.Example",
    "evil.example.",
    "\u0455lot.example",
    "lapor.go.id",
    "lapor.go.id@evil.example",
    "lapor.go.id.evil.example",
    "evil.example:443",
    "127.0.0.1",
    "evil\u3002example",
    "www.paserkab.go.id",
  ]);
  let href = `${scheme}${separator}${host}/slot-${i}`;
  if (rand() < 0.3) href = href.replace(":", pick(rand, ["&#58;", "&colon;", "&#x3A;"]));
  if (rand() < 0.2) href = href.replace("/", pick(rand, ["&#47;", "&sol;", "&#x2F;"]));
  const form = pick(rand, ["inline", "reference", "autolink", "bare", "image"]);
  const body =
    form === "inline"
      ? `Lihat [tautan](${href}) ini.`
      : form === "reference"
        ? `Lihat [tautan][r] ini.\n\n[r]: ${href}`
        : form === "autolink"
          ? `Lihat <${href}> ini.`
          : form === "bare"
            ? `Lihat ${href} ini.`
            : `![gambar kegiatan](${href}.jpg)`;
  return { name: `link ${i}: ${form} ${JSON.stringify(href)}`, body };
}

/** Letters written with others that look the same: Cyrillic, Greek, fullwidth, small capitals, digits and signs. */
const lookAlikes: Record<string, string[]> = {
  a: ["\u0430", "\u03b1", "\uff41", "4", "@"],
  c: ["\u0441", "\u03f2", "\uff43"],
  e: ["\u0435", "3", "\uff45"],
  i: ["\u0456", "1", "!"],
  l: ["\u217c", "1", "|", "\u04cf"],
  o: ["\u043e", "\u03bf", "0", "\uff4f", "\u00f6"],
  p: ["\u0440", "\u03c1"],
  s: ["\u0455", "5", "$", "\uff53"],
  t: ["\u0442", "\u03c4", "7"],
  g: ["\u0261", "9"],
  r: ["\u0433", "\u0280", "\uff52"],
};
const invisibles = ["\u200b", "\u00ad", "\u2060", "\ufeff", "\u200c", "&shy;", "&#8203;", "\u034f"];

const spamPhrases: readonly string[] = portalDefaults.links.spam_phrases;

function textVariant(rand: () => number, i: number): Variant {
  const phrase = pick(rand, spamPhrases);
  let text = phrase;
  const steps = 1 + Math.floor(rand() * 3);
  for (let s = 0; s < steps; s++) {
    const step = pick(rand, ["case", "entity", "invisible", "lookalike", "emphasis", "join", "spaced", "dashed"]);
    const chars = [...text];
    const at = 1 + Math.floor(rand() * Math.max(1, chars.length - 2));
    if (step === "case") text = chars.map((c) => (rand() < 0.5 ? c.toUpperCase() : c)).join("");
    else if (step === "entity") {
      const c = chars[at]!;
      chars[at] = c === " " ? pick(rand, ["&nbsp;", "&#32;", "&#x20;"]) : `&#${c.codePointAt(0)};`;
      text = chars.join("");
    } else if (step === "invisible")
      text = [...chars.slice(0, at), pick(rand, invisibles), ...chars.slice(at)].join("");
    else if (step === "lookalike")
      text = chars.map((c) => (lookAlikes[c] && rand() < 0.5 ? pick(rand, lookAlikes[c]!) : c)).join("");
    else if (step === "emphasis" && /^\p{L}$/u.test(chars[at]!))
      text = [...chars.slice(0, at), `**${chars[at]}**`, ...chars.slice(at + 1)].join("");
    else if (step === "join") text = text.replace(/ /g, "");
    else if (step === "spaced" && !/[&*]/.test(text)) text = chars.join(" ");
    else if (step === "dashed") text = text.replace(/ /g, pick(rand, ["-", "_", ".", " - "]));
  }
  const place = pick(rand, ["paragraph", "heading", "list", "link", "alt", "title", "suffix"]);
  const body =
    place === "paragraph"
      ? `Kabar hari ini: ${text} untuk warga.`
      : place === "heading"
        ? `## ${text}\n\nIsi.`
        : place === "list"
          ? `- satu\n- ${text}\n- tiga`
          : place === "link"
            ? `Baca [${text}](/profil/).`
            : place === "alt"
              ? `![${text}](/media/berita/foto.jpg)`
              : place === "suffix"
                ? `Kabar ${text}88 dan ${text}4d.`
                : "Isi.";
  return { name: `text ${i}: ${place} ${JSON.stringify(text)}`, body, ...(place === "title" ? { title: text } : {}) };
}

/** Text a reader could read a phrase in: look-alikes folded, accents dropped, signs read as letters, only letters kept. */
const signs: Record<string, string> = {
  "0": "o",
  "1": "l",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "9": "g",
  "@": "a",
  $: "s",
  "|": "l",
  "!": "i",
};
const lettersOnly = (text: string) =>
  remove(text.normalize("NFKC").normalize("NFD").replace(/\p{M}/gu, "").toLowerCase())
    .toLowerCase()
    .replace(/[0134579@$|!]/g, (c) => signs[c]!)
    .replace(/[^\p{L}]/gu, "");

/** What a page shows and links to, read by an HTML parser as a browser reads it. */
function readPage(html: string): { text: string; addresses: string[] } {
  let text = "";
  const addresses: string[] = [];
  let inMain = 0;
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === "main") inMain++;
      if (name === "a" && attrs.href !== undefined) addresses.push(attrs.href);
      if ((name === "img" || name === "source") && attrs.src !== undefined) addresses.push(attrs.src);
      if (inMain && attrs.alt) text += ` ${attrs.alt} `;
    },
    ontext(data) {
      if (inMain) text += data;
    },
    onclosetag(name) {
      if (name === "main") inMain--;
    },
  });
  parser.write(html);
  parser.end();
  return { text, addresses };
}

async function htmlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }))
    if (entry.isFile() && entry.name.endsWith(".html")) out.push(join(entry.parentPath, entry.name));
  return out;
}

describe("whatever validation accepts renders no link off the allowlist and no listed phrase", () => {
  let ws: HostileWorkspace;
  const berita = "sites/dlh/content/berita";
  const variants = new Map<string, Variant>();
  const accepted = new Set<string>();

  before(async () => {
    ws = await hostileWorkspace();
    const rand = seeded(seed);
    const all = [
      ...Array.from({ length: linkVariants }, (_, i) => linkVariant(rand, i)),
      ...Array.from({ length: textVariants }, (_, i) => textVariant(rand, i)),
      // Controls: ordinary text and allowed links, which must be accepted and built.
      { name: "control: a paragraph", body: "Jadwal pelayanan KTP keliling di Kecamatan Tanah Grogot." },
      { name: "control: an allowed link", body: "Lapor di [LAPOR!](https://www.lapor.go.id/)." },
    ];
    await ws.write(
      "sites/dlh/media/berita/foto.jpg",
      await readFile(join(ws.sitesDir, "dinkes/media/berita/posyandu.jpg")),
    );
    for (const [i, v] of all.entries()) {
      const slug = `varian-${String(i).padStart(3, "0")}`;
      variants.set(slug, v);
      const item = newsItem(v.body);
      await ws.write(
        `${berita}/${slug}.md`,
        v.title === undefined ? item : item.replace('title: "Uji isi berita"', `title: ${JSON.stringify(v.title)}`),
      );
    }
    const problems = await ws.problems(["dlh"]);
    for (const slug of variants.keys()) {
      if (problems.some((p) => p.startsWith(`${berita}/${slug}.md`))) await rm(join(ws.root, `${berita}/${slug}.md`));
      else accepted.add(slug);
    }
  });
  after(() => ws.dispose());

  it("refuses every generated variant that leaves for a host off the allowlist or spells a phrase, and builds the rest", async () => {
    assert.deepEqual(await ws.problems(["dlh"]), [], "what is left validates");
    const report = await buildSites(ws, ["dlh"], { now: hostileNow });
    assert.deepEqual(
      report.results.map((r) => [r.slug, r.ok]),
      [["dlh", true]],
      report.results
        .flatMap((r) => r.problems)
        .map(formatProblem)
        .join("\n"),
    );
    const phrases = portalDefaults.links.spam_phrases.map((p) => lettersOnly(p));
    const leaks: string[] = [];
    let pages = 0;
    for (const slug of accepted) {
      const file = join(ws.distDir, "dlh/berita", slug, "index.html");
      const { text, addresses } = readPage(await readFile(file, "utf8"));
      pages++;
      for (const href of addresses)
        for (const page of [`https://dlh.paserkab.go.id/berita/${slug}/`, `http://dlh.localhost/berita/${slug}/`]) {
          let host: string;
          try {
            host = new URL(href, page).hostname;
          } catch {
            continue; // A browser follows no address it cannot parse.
          }
          // No host: mailto:, tel:, a fragment. Own: the page's site, or the portal under npm start.
          const own = host === "" || host === new URL(page).hostname || host.endsWith(".localhost");
          if (!own && !allowed.some((d) => host === d || host.endsWith(`.${d}`)))
            leaks.push(`${variants.get(slug)!.name}: <a href="${href}"> leaves for ${host} from ${page}`);
        }
      const read = lettersOnly(text);
      for (const [i, phrase] of phrases.entries())
        if (read.includes(phrase))
          leaks.push(`${variants.get(slug)!.name}: the page reads "${portalDefaults.links.spam_phrases[i]}"`);
    }
    assert.deepEqual(leaks, []);
    // Not vacuous: the controls and the allowed links were accepted, built and read.
    assert.ok(
      accepted.has(`varian-${linkVariants + textVariants}`) &&
        accepted.has(`varian-${linkVariants + textVariants + 1}`),
    );
    assert.ok(pages >= 10, `${pages} pages read`);
    assert.ok((await htmlFiles(join(ws.distDir, "dlh"))).length > pages);
  });
});
