import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { freePort } from "../test/browser.ts";
import { gatewayClient } from "../test/gateway-client.ts";
import { call, gatewayHost, type GatewayHost, gatewayWithSso, withPreviews } from "../test/gateway-host.ts";
import type { DraftPreviews } from "./draft-previews.ts";

/**
 * A draft's preview through the gateway over HTTP, with the real renderer (the generator in its
 * own process) and a real SSO: who gets it, what it shows, what it never is (indexed, cached,
 * searched, in a feed or sitemap), and that it goes when the draft does.
 */
describe("a draft's preview", () => {
  let h: GatewayHost;
  let gw: Awaited<ReturnType<typeof gatewayWithSso>>;
  let previews: DraftPreviews;
  let port: number;
  const secret = "rahasia-sesi-uji-0123456789abcdef0123456789";
  const client = gatewayClient(
    () => h,
    () => port,
    secret,
  );
  const { origin, session, api } = client;
  const path = "sites/dinkes/content/berita/posyandu-pratinjau.md";
  const save = (title: string, body: string, assets: Record<string, unknown>[] = [], image = "") =>
    api("ani", "dinkes", "persistEntry", {
      dataFiles: [
        {
          path,
          slug: "posyandu-pratinjau",
          raw: `---\ntitle: ${title}\ndate: 2026-11-20\nsummary: Ringkasan ${title}.\n${image}---\n${body}\n`,
        },
      ],
      assets,
      options: { useWorkflow: true, status: "draft", collectionName: "dinkes_berita", commitMessage: title },
    });
  const deployPreview = () =>
    api("ani", "dinkes", "getDeployPreview", { collection: "dinkes_berita", slug: "posyandu-pratinjau" });
  const get = (url: string, user?: string, slug = "dinkes") =>
    call(`${origin(slug)}${url}`, user ? { headers: { cookie: session(user, slug) } } : {});

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    previews = await withPreviews(h, { protocol: "http:", apex: `localhost:${port}` });
    gw = await gatewayWithSso(h, { sitePort: port, listen: port, slugs: ["dinkes", "bappeda", "portal"], secret });
  });
  after(async () => {
    await previews?.close();
    await gw?.close();
    await h?.close();
  });

  let url: string;
  it("is ready after a save with a photo, on the unit's theme, with the draft's text and photo", async () => {
    const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3a7" } })
      .jpeg()
      .toBuffer();
    const saved = await save(
      "Posyandu Keliling Desember",
      "Jadwal **posyandu keliling** bulan Desember di lima desa.",
      [
        {
          path: "sites/dinkes/media/berita/posyandu-desember.jpg",
          content: jpeg.toString("base64"),
          encoding: "base64",
        },
      ],
      "image: /media/berita/posyandu-desember.jpg\nimage_alt: Petugas posyandu menimbang bayi\n",
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const reply = await deployPreview();
    assert.equal(reply.status, 200, JSON.stringify(reply.body));
    const body = reply.body as unknown as { url: string; status: string };
    assert.deepEqual(body, {
      url: "/admin/pratinjau/dinkes_berita/posyandu-pratinjau/berita/posyandu-pratinjau/",
      status: "SUCCESS",
    });
    url = body.url;
    const page = await get(url, "ani");
    assert.equal(page.status, 200, page.body.slice(0, 500));
    assert.match(page.body, /<h1[^>]*>Posyandu Keliling Desember<\/h1>/);
    assert.match(page.body, /<strong>posyandu keliling<\/strong>/);
    assert.match(page.body, /<meta name="robots" content="noindex">/);
    assert.match(page.body, /class="preview-banner"[\s\S]*Pratinjau draf/);
    // The theme's stylesheet is the live site's; the draft's photo is the preview's own.
    assert.match(page.body, /<link rel="stylesheet" href="\/assets\/style\.css\?v=/);
    const photo =
      /<img[^>]+src="(\/admin\/pratinjau\/dinkes_berita\/posyandu-pratinjau\/img\/[^"]+)"[^>]*alt="Petugas posyandu menimbang bayi"/.exec(
        page.body,
      );
    assert.ok(photo, page.body.match(/<img[^>]*>/g)?.join("\n"));
    const image = await get(photo[1]!, "ani");
    assert.equal(image.status, 200);
    assert.match(String(image.headers["content-type"]), /^image\//);
    // Links inside the preview stay in it; the unit's home is the preview's.
    assert.match(page.body, /href="\/admin\/pratinjau\/dinkes_berita\/posyandu-pratinjau\/berita\/"/);
    for (const [name, value] of [
      ["cache-control", "private, no-store"],
      ["x-robots-tag", "noindex, nofollow, noarchive"],
    ])
      assert.equal(page.headers[name!], value, name);
  });

  it("is for the unit's editors and DKISP alone: signed out 401, another unit's editor or no role 403", async () => {
    const signedOut = await get(url);
    assert.equal(signedOut.status, 401);
    assert.match(signedOut.body, /Pratinjau hanya untuk pengelola isi/);
    assert.doesNotMatch(signedOut.body, /Posyandu Keliling/);
    assert.equal(signedOut.headers["x-robots-tag"], "noindex, nofollow, noarchive");
    for (const user of ["citra", "eko"]) {
      const refused = await get(url, user);
      assert.equal(refused.status, 403, user);
      assert.doesNotMatch(refused.body, /Posyandu Keliling/);
    }
    assert.equal((await get(url, "dewi")).status, 200, "DKISP");
    assert.equal((await get(url, "budi")).status, 200, "the unit's verifikator");
    // Never on another unit's origin, whoever asks.
    const elsewhere = await get(url, "citra", "bappeda");
    assert.equal(elsewhere.status, 404);
    assert.doesNotMatch(elsewhere.body, /Posyandu Keliling/);
    const audit = await h.audit();
    assert.ok(audit.some((a) => a.action === "preview" && a.status === 403 && a.user === "citra"));
  });

  it("has no search index, feed, sitemap, manifest or CMS of its own", async () => {
    const prefix = "/admin/pratinjau/dinkes_berita/posyandu-pratinjau";
    for (const file of ["/sitemap.xml", "/feed.xml", "/feed.json", "/manifest.json", "/pagefind/pagefind-entry.json"]) {
      const reply = await get(`${prefix}${file}`, "ani");
      assert.equal(reply.status, 404, file);
    }
    const home = await get(`${prefix}/`, "ani");
    assert.equal(home.status, 200);
    assert.match(home.body, /Posyandu Keliling Desember/);
    assert.doesNotMatch(home.body, /type="application\/atom\+xml"/);
  });

  it("shows a draft scheduled for later (publish_at) in its preview", async () => {
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    const file = "sites/dinkes/content/berita/terbit-nanti.md";
    const saved = await api("ani", "dinkes", "persistEntry", {
      dataFiles: [
        {
          path: file,
          slug: "terbit-nanti",
          raw: `---\ntitle: Terbit Bulan Depan\ndate: 2026-11-20\nsummary: Ringkasan berita terjadwal.\npublish_at: ${later} 08:00\n---\nBerita yang dijadwalkan.\n`,
        },
      ],
      assets: [],
      options: { useWorkflow: true, status: "draft", collectionName: "dinkes_berita", commitMessage: "Terjadwal" },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const reply = await api("ani", "dinkes", "getDeployPreview", { collection: "dinkes_berita", slug: "terbit-nanti" });
    const body = reply.body as unknown as { url: string };
    const page = await get(body.url, "ani");
    assert.equal(page.status, 200, page.body.slice(0, 300));
    assert.match(page.body, /<h1[^>]*>Terbit Bulan Depan<\/h1>/);
  });

  it("shows the next save, and goes when the draft is published", async () => {
    const again = await save("Posyandu Keliling Desember", "Jadwal diperbarui: tujuh desa.");
    assert.equal(again.status, 200, JSON.stringify(again.body));
    assert.equal((await deployPreview()).status, 200);
    const page = await get(url, "ani");
    assert.match(page.body, /Jadwal diperbarui: tujuh desa\./);
    assert.doesNotMatch(page.body, /lima desa/);
    const folder = join(h.dir, "pratinjau");
    assert.ok(existsSync(folder));
    const ready = await api("budi", "dinkes", "updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug: "posyandu-pratinjau",
      newStatus: "pending_publish",
    });
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    const published = await api("budi", "dinkes", "publishUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: "posyandu-pratinjau",
    });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    const gone = await get(url, "ani");
    assert.equal(gone.status, 404);
    assert.match(gone.body, /sudah diterbitkan/);
    assert.deepEqual((await deployPreview()).body, null);
    const own = createHash("sha256").update("cms/dinkes_berita/posyandu-pratinjau").digest("hex").slice(0, 24);
    assert.equal(existsSync(join(folder, own)), false, "the published draft's preview is deleted from disk");
    assert.ok(readdirSync(folder).length > 0, "another draft's preview stays");
  });
});
