import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { convertHtmlToAbsoluteUrls } from "@11ty/eleventy-plugin-rss";
import { parseMarkdown } from "../content/front-matter.ts";
import { createMarkdown } from "../content/markdown.ts";
import { markdownFiles } from "../content/site-files.ts";
import { toolsRepoRoot } from "../core/workspace.ts";
import { absoluteHtml } from "./image-transform.ts";

const base = "https://dinkes.paserkab.go.id/berita/kabar-baik/";

describe("a feed item's addresses made absolute (absoluteHtml)", () => {
  it("gives every body of the demo exactly what the conversion gives", async () => {
    const md = createMarkdown();
    const sites = join(toolsRepoRoot, "sites");
    let unchanged = 0;
    let changed = 0;
    for (const site of readdirSync(sites)) {
      for (const file of markdownFiles(join(sites, site))) {
        const { parsed } = parseMarkdown(readFileSync(file.abs, "utf8"), file.abs);
        if (!parsed?.body.trim()) continue;
        const html = md.render(parsed.body);
        const mine = await absoluteHtml(html, base);
        assert.equal(mine, await convertHtmlToAbsoluteUrls(html, base), file.abs);
        if (mine === html) unchanged++;
        else changed++;
      }
    }
    // Both kinds are there: most bodies have no link or picture, or link to other sites only; some
    // have relative addresses.
    assert.ok(unchanged > 100, `bodies with nothing to make absolute: ${unchanged}`);
    assert.ok(changed > 5, `bodies whose addresses were made absolute: ${changed}`);
  });

  it("leaves nothing relative in any shape Markdown gives, and converts a tag with an attribute however it is written", async () => {
    // Every construct of the editors' Markdown (raw HTML is off, so tags typed in come out as text).
    const md = createMarkdown();
    const markdown = [
      "# Judul\n\n## Sub *judul*\n\nParagraf dengan **tebal**, _miring_, ~~coret~~ dan `kode`.  \nBaris baru.",
      "- satu\n- dua\n  1. dua.satu\n\n3. tiga\n4. empat",
      "> kutipan\n>\n> > dalam",
      "```js\nconst a = 1 < 2;\n```\n\n    indented",
      "| a | b |\n| :-- | --: |\n| 1 | 2 |",
      "---\n\nTanda & < > \" ' &amp; &copy; 1 < 2",
      '<a href="/judi/">bukan tautan</a> <script>alert(1)</script> <img src=x onerror=alert(1)>',
      "[relatif](../layanan/) [akar](/layanan/) [surel](mailto:a@b.id) <https://paserkab.go.id/>",
      '![foto](/media/berita/a.jpg "judul")',
      // Addresses already absolute, and absolute ones the URL parser writes otherwise.
      "[situs](https://paserkab.go.id/layanan/) [kueri](https://paserkab.go.id/cari/?q=ktp&jenis=layanan#hasil)",
      "[tanpa garis miring](https://paserkab.go.id) [huruf besar](HTTPS://PASERKAB.GO.ID/A/) [port](https://paserkab.go.id:443/a/)",
      "[spasi](<https://paserkab.go.id/a b/>) [titik](https://paserkab.go.id/a/../b/) [idn](https://bücher.example/) [tel](tel:+62543123)",
      "[protokol relatif](//paserkab.go.id/a/) [surel](mailto:humas@paserkab.go.id) ![foto](https://paserkab.go.id/a.jpg)",
      "[mutlak](https://paserkab.go.id/a/) lalu [relatif](/b/)",
    ];
    for (const text of markdown) {
      const html = md.render(text);
      assert.equal(await absoluteHtml(html, base), await convertHtmlToAbsoluteUrls(html, base), text);
    }
    // A tag with an attribute, however it is spaced, goes to the conversion (which leaves an
    // uppercase one, as markdown-it never writes: the same as without the shortcut).
    for (const html of [
      '<p><a href="/layanan/">Layanan</a></p>',
      '<p><a\nhref="/layanan/">Layanan</a></p>',
      '<p><a\thref="/layanan/">Layanan</a></p>',
    ])
      assert.match(await absoluteHtml(html, base), /https:\/\/dinkes\.paserkab\.go\.id\/layanan\//, html);
    const upper = '<p><A HREF="/layanan/">Layanan</A></p>';
    assert.equal(await absoluteHtml(upper, base), await convertHtmlToAbsoluteUrls(upper, base));
    // Written by hand, not by markdown-it: every shape of an attribute the conversion reads.
    for (const html of [
      "<p><a href='/layanan/'>a</a></p>",
      "<p><a href=/layanan/>a</a></p>",
      '<p><a href = "/layanan/">a</a></p>',
      '<p><a/href="/layanan/">a</a></p>',
      '<p><a title="https://paserkab.go.id/" href="/layanan/">a</a></p>',
      '<p><a title="https://paserkab.go.id/"href="/layanan/">a</a></p>',
      '<p><img src="https://paserkab.go.id/a.jpg" srcset="/a.jpg 1x, /b.jpg 2x"></p>',
      '<p><blockquote cite="/sumber/">k</blockquote><video poster="/p.jpg"></video></p>',
      '<p><a href=" https://paserkab.go.id/a/ ">a</a></p>',
    ])
      assert.equal(await absoluteHtml(html, base), await convertHtmlToAbsoluteUrls(html, base), html);
    // Absolute as the parser writes them: given as they are, which is what the conversion gives.
    const absolute =
      '<p><a href="https://paserkab.go.id/a/?q=1&amp;r=2">a</a> <img src="https://paserkab.go.id/b.jpg" alt="b"></p>';
    assert.equal(await absoluteHtml(absolute, base), absolute);
    assert.equal(await convertHtmlToAbsoluteUrls(absolute, base), absolute);
  });
});
