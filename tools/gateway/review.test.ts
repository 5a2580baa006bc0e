import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { freePort } from "../test/browser.ts";
import { gatewayClient } from "../test/gateway-client.ts";
import { gatewayHost, type GatewayHost, gatewayWithSso } from "../test/gateway-host.ts";

/**
 * What the gateway promises inside one unit, through the real gateway over HTTP, a bare Git host
 * and sessions as the SSO login seals them: no editor's work is lost to another's save, and what
 * a verifikator publishes is the one entry they approved, as they saw it.
 */
describe("the gateway keeps every editor's work and publishes only what was approved", () => {
  let h: GatewayHost;
  let gw: Awaited<ReturnType<typeof gatewayWithSso>>;
  let port: number;
  const secret = "rahasia-sesi-uji-0123456789abcdef0123456789";
  const { api, latest, hostFile } = gatewayClient(
    () => h,
    () => port,
    secret,
  );
  const news = (_unit: string, title: string, body: string) =>
    `---\ntitle: ${title}\ndate: 2026-11-20\nsummary: Ringkasan ${title}.\n---\n${body}\n`;
  const file = (name: string) => `sites/dinkes/content/berita/${name}.md`;
  const save = (
    user: string,
    name: string,
    body: string,
    options: { workflow?: boolean; base?: Record<string, string | null>; extra?: Record<string, unknown> } = {},
  ) =>
    api(user, "dinkes", "persistEntry", {
      dataFiles: [{ path: file(name), slug: name, raw: news("dinkes", `Berita ${name}`, body) }],
      assets: [],
      options: {
        useWorkflow: options.workflow ?? false,
        status: "draft",
        collectionName: "dinkes_berita",
        commitMessage: `Simpan ${name}`,
      },
      ...(options.base ? { base: options.base } : {}),
      ...options.extra,
    });
  const status = (user: string, name: string, newStatus: string, base?: Record<string, string | null>) =>
    api(user, "dinkes", "updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug: name,
      newStatus,
      ...(base ? { base } : {}),
    });
  const publish = (user: string, name: string, base?: Record<string, string | null>) =>
    api(user, "dinkes", "publishUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: name,
      ...(base ? { base } : {}),
    });
  const draftStatus = async (name: string) =>
    (await api("budi", "dinkes", "unpublishedEntry", { id: `dinkes_berita/${name}` })).body.status;

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    gw = await gatewayWithSso(h, { sitePort: port, listen: port, slugs: ["dinkes", "bappeda", "portal"], secret });
  });
  after(async () => {
    await gw?.close();
    await h?.close();
  });

  it("lost update: of two saves of one entry from the same version, one lands and the other is told (409)", async () => {
    await h.devCommit({ [file("rebutan")]: news("dinkes", "Rebutan", "Versi awal.") });
    const base = { [file("rebutan")]: latest(file("rebutan"), "main") };
    const [a, b] = await Promise.all([
      save("budi", "rebutan", "Versi Budi.", { base }),
      save("gita", "rebutan", "Versi Gita.", { base }),
    ]);
    assert.deepEqual([a.status, b.status].sort(), [200, 409], JSON.stringify([a.body, b.body]));
    const [won, lost] = a.status === 200 ? ["Budi", "Gita"] : ["Gita", "Budi"];
    const loser = a.status === 409 ? a : b;
    assert.match(loser.body.error!, /baru saja diubah orang lain.*Isian Anda masih ada di layar/);
    assert.match(hostFile(file("rebutan"))!, new RegExp(`Versi ${won}\\.`));
    assert.doesNotMatch(h.git(h.host, "log", "-p", "main", "--", file("rebutan")), new RegExp(`Versi ${lost}`));
    const audit = (await h.audit()).filter((e) => (e.paths as string[] | undefined)?.includes(file("rebutan")));
    assert.deepEqual(audit.map((e) => e.result).sort(), ["committed", "conflict"]);

    // An editor saving from the copy they loaded before that: refused too, the file unchanged.
    const stale = await save("budi", "rebutan", "Versi lama yang disimpan lagi.", { base });
    assert.equal(stale.status, 409);
    assert.match(hostFile(file("rebutan"))!, new RegExp(`Versi ${won}\\.`));
    // The answer to a save names the version the next save starts from.
    const next = await save("budi", "rebutan", "Versi terbaru.", {
      base: { [file("rebutan")]: latest(file("rebutan"), "main") },
    });
    assert.equal(next.status, 200, JSON.stringify(next.body));
    assert.deepEqual(next.body.versions, { [file("rebutan")]: latest(file("rebutan"), "main") });
  });

  it("lost update, 20 pairs at once: two verifikators on main, and a penulis and a verifikator on one draft", async () => {
    const names = Array.from({ length: 10 }, (_, i) => `pasangan-${i}`);
    await h.devCommit(Object.fromEntries(names.map((n) => [file(n), news("dinkes", n, "Awal.")])));
    const drafts = Array.from({ length: 10 }, (_, i) => `draf-pasangan-${i}`);
    for (const name of drafts) assert.equal((await save("ani", name, "Draf awal.", { workflow: true })).status, 200);
    const pairs = await Promise.all([
      ...names.map(async (n) => {
        const base = { [file(n)]: latest(file(n), "main") };
        return [
          n,
          await Promise.all([save("budi", n, "Oleh Budi.", { base }), save("gita", n, "Oleh Gita.", { base })]),
        ] as const;
      }),
      ...drafts.map(async (n) => {
        const base = { [file(n)]: latest(file(n), `cms/dinkes_berita/${n}`) };
        return [
          n,
          await Promise.all([
            save("ani", n, "Oleh Ani.", { workflow: true, base }),
            save("budi", n, "Oleh Budi.", { workflow: true, base }),
          ]),
        ] as const;
      }),
    ]);
    for (const [name, replies] of pairs) {
      assert.deepEqual(
        replies.map((r) => r.status).sort(),
        [200, 409],
        `${name}: ${JSON.stringify(replies.map((r) => r.body))}`,
      );
      const ref = name.startsWith("draf") ? `cms/dinkes_berita/${name}` : "main";
      const text = hostFile(file(name), ref)!;
      const winner = replies[0]!.status === 200 ? 0 : 1;
      const who = name.startsWith("draf") ? ["Ani", "Budi"] : ["Budi", "Gita"];
      assert.match(text, new RegExp(`Oleh ${who[winner]}\\.`), name);
    }
  });

  it("two penulis creating the same new entry at once: one draft, the other told", async () => {
    const base = { [file("kembar")]: null };
    const replies = await Promise.all([
      save("ani", "kembar", "Dari Ani.", { workflow: true, base }),
      save("ani", "kembar", "Dari tab kedua.", { workflow: true, base }),
    ]);
    assert.deepEqual(replies.map((r) => r.status).sort(), [200, 409]);
    // A page that never loaded the entry's version cannot save over it at all.
    const none = await api("ani", "dinkes", "persistEntry", {
      dataFiles: [{ path: file("kembar"), slug: "kembar", raw: news("dinkes", "Kembar", "x") }],
      options: { useWorkflow: true, collectionName: "dinkes_berita" },
      base: {},
    });
    assert.equal(none.status, 428);
    assert.match(none.body.error!, /muat ulang halaman/);
  });

  it("smuggled draft: a draft changes its own entry and adds media only; publishing merges exactly that", async () => {
    const profile = "sites/dinkes/content/halaman/profil.md";
    const announcement = "sites/dinkes/content/pengumuman/jadwal-vaksinasi.md";
    const before = { profile: hostFile(profile), announcement: hostFile(announcement) };
    const second = await api("ani", "dinkes", "persistEntry", {
      dataFiles: [
        { path: file("ringan"), slug: "ringan", raw: news("dinkes", "Ringan", "Berita ringan.") },
        { path: profile, slug: "profil", raw: "---\ntitle: Profil palsu\n---\nDiganti.\n" },
      ],
      assets: [],
      options: { useWorkflow: true, collectionName: "dinkes_berita", status: "draft" },
      base: { [file("ringan")]: null, [profile]: latest(profile, "main") },
    });
    assert.equal(second.status, 422);
    assert.match(second.body.error!, /hanya untuk satu entri/);
    const moved = await api("ani", "dinkes", "persistEntry", {
      dataFiles: [{ path: announcement, newPath: file("ringan"), slug: "ringan", raw: news("dinkes", "Ringan", "x") }],
      assets: [],
      options: { useWorkflow: true, collectionName: "dinkes_berita", status: "draft" },
      base: { [announcement]: latest(announcement, "main") },
    });
    assert.equal(moved.status, 422);
    assert.match(moved.body.error!, /pengumuman\/jadwal-vaksinasi\.md/);
    // A published photo is not replaced by a draft's upload of the same name.
    const photo = await api("ani", "dinkes", "persistEntry", {
      dataFiles: [{ path: file("ringan"), slug: "ringan", raw: news("dinkes", "Ringan", "Berita ringan.") }],
      assets: [{ path: "sites/dinkes/media/berita/posyandu.jpg", content: "AAAA", encoding: "base64" }],
      options: { useWorkflow: true, collectionName: "dinkes_berita", status: "draft" },
      base: { [file("ringan")]: null },
    });
    assert.equal(photo.status, 422);
    assert.match(photo.body.error!, /media\/berita\/posyandu\.jpg/);
    assert.equal(hostFile(file("ringan"), "cms/dinkes_berita/ringan"), undefined, "nothing of the three was kept");

    // A draft branch that holds another file anyway (pushed to the host before this rule): not published.
    assert.equal((await save("ani", "ringan", "Berita ringan.", { workflow: true })).status, 200);
    const dev = h.dev;
    h.git(dev, "fetch", "--quiet", "origin");
    h.git(dev, "checkout", "--quiet", "-B", "selundup", "origin/cms/dinkes_berita/ringan");
    h.git(dev, "rm", "--quiet", announcement);
    h.git(dev, "commit", "--quiet", "-m", "selundupan");
    h.git(dev, "push", "--quiet", "origin", "HEAD:refs/heads/cms/dinkes_berita/ringan");
    h.git(dev, "checkout", "--quiet", "main");
    assert.equal((await status("budi", "ringan", "pending_publish")).status, 200);
    const published = await publish("budi", "ringan");
    assert.equal(published.status, 422, JSON.stringify(published.body));
    assert.match(
      published.body.error!,
      /di luar entrinya \(sites\/dinkes\/content\/pengumuman\/jadwal-vaksinasi\.md\)/,
    );
    assert.equal(hostFile(announcement), before.announcement);
    assert.equal(hostFile(profile), before.profile);
    assert.equal(hostFile(file("ringan")), undefined);
  });

  it("review race: a save after “Siap terbit” puts the draft back in review; only the approved version is published", async () => {
    assert.equal((await save("ani", "siaga", "Versi pertama.", { workflow: true })).status, 200);
    const seen = { [file("siaga")]: latest(file("siaga"), "cms/dinkes_berita/siaga") };
    assert.equal((await status("budi", "siaga", "pending_publish", seen)).status, 200);
    assert.equal(await draftStatus("siaga"), "pending_publish");
    // The penulis edits after approval: back in review, and the old approval publishes nothing.
    assert.equal((await save("ani", "siaga", "Versi kedua, belum diperiksa.", { workflow: true })).status, 200);
    assert.equal(await draftStatus("siaga"), "pending_review");
    const refused = await publish("budi", "siaga", seen);
    assert.equal(refused.status, 409);
    assert.match(refused.body.error!, /belum berstatus “Siap terbit”, atau diubah setelah ditandai/);
    // Marking it ready from the page that showed the first version: refused as well.
    assert.equal((await status("budi", "siaga", "pending_publish", seen)).status, 409);
    assert.equal(hostFile(file("siaga")), undefined);
    // Looked at again and approved: the second version goes live.
    assert.equal((await status("budi", "siaga", "pending_publish")).status, 200);
    const published = await publish("budi", "siaga");
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.match(hostFile(file("siaga"))!, /Versi kedua/);
  });

  it("discarded approval: a penulis deletes only drafts still in draft; a verifikator any", async () => {
    assert.equal((await save("ani", "buang", "Akan dibuang.", { workflow: true })).status, 200);
    assert.equal((await status("ani", "buang", "pending_review")).status, 200);
    const del = () => api("ani", "dinkes", "deleteUnpublishedEntry", { collection: "dinkes_berita", slug: "buang" });
    const refused = await del();
    assert.equal(refused.status, 403);
    assert.match(refused.body.error!, /sudah diajukan untuk diperiksa/);
    assert.equal((await status("budi", "buang", "pending_publish")).status, 200);
    assert.equal((await del()).status, 403);
    assert.notEqual(h.git(h.host, "branch", "--list", "cms/dinkes_berita/buang"), "");
    const byVerifikator = await api("budi", "dinkes", "deleteUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: "buang",
    });
    assert.equal(byVerifikator.status, 200);
    assert.equal(h.git(h.host, "branch", "--list", "cms/dinkes_berita/buang"), "");
    // A draft still in draft is its penulis's to throw away.
    assert.equal((await save("ani", "coret", "Salah ketik.", { workflow: true })).status, 200);
    assert.equal(
      (await api("ani", "dinkes", "deleteUnpublishedEntry", { collection: "dinkes_berita", slug: "coret" })).status,
      200,
    );
  });

  it("DKISP's reach: a unit's logo through the registry, never its news photos", async () => {
    const record = hostFile("sites/dinkes/site.json")!;
    const png = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
    const overPhoto = await api("dewi", "portal", "persistEntry", {
      dataFiles: [{ path: "sites/dinkes/site.json", slug: "dinkes", raw: record }],
      assets: [{ path: "sites/dinkes/media/berita/posyandu.jpg", content: png, encoding: "base64" }],
      options: { useWorkflow: false, commitMessage: "logo" },
    });
    assert.equal(overPhoto.status, 403, JSON.stringify(overPhoto.body));
    const media = await api("dewi", "portal", "persistMedia", {
      asset: { path: "sites/dinkes/media/berita/posyandu.jpg", content: png, encoding: "base64" },
    });
    assert.equal(media.status, 403);
    assert.equal(latest("sites/dinkes/media/berita/posyandu.jpg", "main") !== null, true);
    const logo = await api("dewi", "portal", "persistEntry", {
      dataFiles: [
        {
          path: "sites/dinkes/site.json",
          slug: "dinkes",
          raw: record.replace('"/media/logo.png"', '"/media/logo-baru.png"'),
        },
      ],
      assets: [{ path: "sites/dinkes/media/logo-baru.png", content: png, encoding: "base64" }],
      options: { useWorkflow: true, collectionName: "portal_registry", status: "draft", commitMessage: "Logo baru" },
    });
    assert.equal(logo.status, 200, JSON.stringify(logo.body));
    assert.ok(latest("sites/dinkes/media/logo-baru.png", "cms/portal_registry/dinkes"));
  });
});
