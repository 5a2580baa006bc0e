import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type MarkdownIt from "markdown-it";
import { createMarkdown, type MediaUrl, type ParsedBody, readBody } from "./markdown.ts";

/** Bodies an editor, or someone with an editor's account, may write: every kind of link and reference. */
const bodies = [
  "Kegiatan berlangsung sejak pukul 08.00 WITA.\n\n![Kader mencatat](/media/berita/posyandu.jpg)",
  "Hubungi [kami](https://dinkes.paserkab.go.id/kontak/) atau humas@paserkab.go.id, <mailto:a@b.go.id>.",
  "Dr. Rina, M.Si dan judi.example tanpa alamat; <https://www.lapor.go.id> dan https://jdih.paserkab.go.id/x?y=1.",
  "[Perda](site:dlh/dokumen/perda-sampah/#pasal-2) dan [dokumen][ref] lagi.\n\n[ref]: ../../media/dokumen/sop.pdf",
  "| Jam | Layanan |\n| --- | --- |\n| 08.00 | [Loket](/media/dokumen/loket.pdf) |",
  "```\nhttps://bukan-tautan.example\n```\n\n> kutipan dengan *penekanan* dan `kode`",
  "[x](javascript:alert(1)) [y](http:evil.example) [z](//evil.example/a) ![](data:image/png;base64,AAAA)",
  "sl**o**t g&#97;cor [tautan](HTTPS://EXAMPLE.COM) ftp://berkas.example/a, lalu //tanpa-skema.example/a.",
];

const env = { page: { inputPath: "/ws/sites/dinkes/content/berita/x.md" } };
const siteLinkUrl = (link: { slug: string }) => `https://${link.slug}.paserkab.go.id/page/`;
// What a page's media reference becomes depends on the page (`env`): the test sees it used.
const mediaUrl: MediaUrl = (href, usage, e) =>
  `${(e as typeof env).page.inputPath.includes("dinkes") ? "/dinkes" : "/other"}:${usage}:${href}`;

const validationParse = (body: string): ParsedBody => readBody(createMarkdown(), body).parsed;

describe("a page rendered from the tokens validation parsed", () => {
  it("is the page a fresh parse renders, for every kind of body", () => {
    const fresh = createMarkdown({ siteLinkUrl, mediaUrl });
    for (const body of bodies) {
      const parsed = validationParse(body);
      const reused = createMarkdown({ siteLinkUrl, mediaUrl, parsedBody: () => parsed });
      assert.equal(reused.render(body, structuredClone(env)), fresh.render(body, structuredClone(env)), body);
    }
  });

  it("takes the tokens only for the very text they were parsed from", () => {
    const body = "Teks yang **dirender**.";
    // Tokens of another text: when the text matches, the page shows them (they are used) ...
    const other: ParsedBody = { text: body, tokens: validationParse("Teks *lain*.").tokens };
    const md = createMarkdown({ siteLinkUrl, mediaUrl, parsedBody: () => other });
    assert.equal(md.render(body, env), "<p>Teks <em>lain</em>.</p>\n");
    // ... and for any other text the body is parsed afresh.
    const changed = createMarkdown({ siteLinkUrl, mediaUrl, parsedBody: () => validationParse("lama") });
    assert.equal(changed.render(body, env), "<p>Teks yang <strong>dirender</strong>.</p>\n");
  });

  it("resolves each page's own media and site links on the reused tokens", () => {
    const body = bodies[3]!;
    const html = createMarkdown({ siteLinkUrl, mediaUrl, parsedBody: () => validationParse(body) }).render(body, env);
    assert.match(html, /href="https:\/\/dlh\.paserkab\.go\.id\/page\/"/);
    assert.match(html, /href="\/dinkes:link:\.\.\/\.\.\/media\/dokumen\/sop\.pdf"/);
  });
});

describe("linkify's first look at a paragraph", () => {
  it("links what linkify-it's own first look links, with fuzzy hosts off", () => {
    const ours = createMarkdown();
    const theirs: MarkdownIt = createMarkdown();
    // linkify-it's own pretest, from its prototype.
    delete (theirs.linkify as { pretest?: unknown }).pretest;
    assert.notEqual(theirs.linkify.pretest, ours.linkify.pretest);
    for (const body of bodies) assert.equal(ours.render(body), theirs.render(body), body);
    const html = ours.render(bodies[2]!);
    assert.doesNotMatch(html, /href="http:\/\/M\.Si"|judi\.example<\/a>/);
    assert.match(html, /<a href="https:\/\/jdih\.paserkab\.go\.id\/x\?y=1"/);
    assert.match(ours.render(bodies[1]!), /<a href="mailto:humas@paserkab\.go\.id"/);
    // A link without a scheme is found by the same first look (markdown-it finds "https:" links itself).
    assert.match(ours.render(bodies[7]!), /<a href="\/\/tanpa-skema\.example\/a"/);
  });
});
