import assert from "node:assert/strict";
import { chmod, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import sharp from "sharp";
import { freePort } from "../test/browser.ts";
import { call, gatewayHost, type GatewayHost, gatewayWithSso, ssoLogin } from "../test/gateway-host.ts";
import { gatewayClient } from "../test/gateway-client.ts";

/**
 * The gateway over HTTP, as Decap's proxy backend and the editor's browser use it: a real OIDC
 * provider at a Keycloak-shaped issuer, a real bare repository as the Git host.
 */
describe("the editors' gateway", () => {
  let h: GatewayHost;
  let gw: Awaited<ReturnType<typeof gatewayWithSso>>;
  let port: number;
  const secret = "rahasia-sesi-uji-0123456789abcdef0123456789";
  const client = gatewayClient(
    () => h,
    () => port,
    secret,
  );
  const { site, origin, session, api, hostFile } = client;
  const entry = (slug: string, file: string, title: string, body = "Isi berita.") => ({
    path: `sites/${slug}/content/berita/${file}.md`,
    slug: file,
    raw: `---\ntitle: ${title}\ndate: 2026-11-20\nsummary: Ringkasan ${title}.\n---\n${body}\n`,
  });
  const draft = (slug: string, file: string, title: string, extra: Record<string, unknown> = {}) => ({
    dataFiles: [entry(slug, file, title)],
    assets: [],
    options: { useWorkflow: true, status: "draft", collectionName: `${slug}_berita`, commitMessage: `Buat ${title}` },
    cmsLabelPrefix: `${slug}/`,
    ...extra,
  });

  before(async () => {
    h = await gatewayHost();
    port = await freePort();
    gw = await gatewayWithSso(h, { sitePort: port, listen: port, slugs: ["dinkes", "bappeda", "portal"], secret });
  });
  after(async () => {
    await gw?.close();
    await h?.close();
  });

  it("logs an editor in through the SSO: a Strict, HttpOnly, Secure session for that site only", async () => {
    const start = await call(`${origin("dinkes")}/admin/api/login?next=/admin/%23/collections/dinkes_berita`);
    assert.equal(start.status, 302);
    assert.ok(start.headers.location!.startsWith(`${gw.sso.issuer}/auth?`), start.headers.location);
    const { cookie, reply } = await ssoLogin(`${origin("dinkes")}/admin/api/login?next=/admin/`, "budi");
    assert.equal(reply.status, 303, reply.body);
    assert.equal(reply.headers.location, "/admin/");
    const set = (reply.headers["set-cookie"] ?? []).find((c) => c.startsWith("__Host-portal-sesi="))!;
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Strict", "Path=/"])
      assert.ok(set.includes(attribute), set);
    assert.ok(!/Domain=/i.test(set), set);

    const me = await call(`${origin("dinkes")}/admin/api/session`, { headers: { cookie } });
    assert.equal(me.status, 200, me.body);
    assert.deepEqual(me.json(), {
      name: "Budi Verifikator",
      email: "budi@paserkab.go.id",
      site: "dinkes",
      roles: ["verifikator"],
      dkisp: false,
      local: false,
    });
    // The same cookie is nothing on another unit's site.
    const elsewhere = await call(`${origin("bappeda")}/admin/api/session`, { headers: { cookie } });
    assert.equal(elsewhere.status, 401);
    // What the SSO says of a person is cleaned before it can become a commit's author.
    const fani = await ssoLogin(`${origin("dinkes")}/admin/api/login?next=/admin/`, "fani");
    const who = (await call(`${origin("dinkes")}/admin/api/session`, { headers: { cookie: fani.cookie } })).json() as {
      name: string;
      email: string;
    };
    assert.deepEqual([who.name, who.email], ["Fani root@evilCommitter: x", "fani@paserkab.go.id"]);
    // A next address on another host is not followed.
    for (const next of ["//evil.example/", "/\\evil.example/", "/\t/evil.example/", "https:evil.example"]) {
      const away = await ssoLogin(`${origin("dinkes")}/admin/api/login?next=${encodeURIComponent(next)}`, "budi");
      assert.equal(away.reply.headers.location, "/admin/", next);
    }
  });

  it("refuses a request without a session, an expired one, a forged one, and any other page's request", async () => {
    const none = await api(undefined, "dinkes", "entriesByFolder", { folder: "sites/dinkes/content/berita" });
    assert.equal(none.status, 401);
    assert.match(none.body.error!, /belum masuk/);
    const expired = await api(
      undefined,
      "dinkes",
      "entriesByFolder",
      { folder: "sites/dinkes/content/berita" },
      { cookie: session("budi", "dinkes", -1) },
    );
    assert.equal(expired.status, 401);
    assert.match(expired.body.error!, /Sesi Anda telah berakhir.*Isian Anda masih ada/);
    assert.equal(expired.body.login, "/admin/api/login?next=%2Fadmin%2F");
    const forged = session("budi", "dinkes").replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    assert.equal(
      (await api(undefined, "dinkes", "getEntry", { path: "sites/dinkes/site.json" }, { cookie: forged })).status,
      401,
    );

    for (const from of ["https://evil.example", origin("bappeda"), "null", `https://${site("dinkes")}`]) {
      const reply = await api("budi", "dinkes", "getEntry", { path: "sites/dinkes/site.json" }, { origin: from });
      assert.equal(reply.status, 403, from);
      assert.match(reply.body.error!, /ditolak/);
    }
    const noOrigin = await call(`${origin("dinkes")}/admin/api/v1`, {
      method: "POST",
      headers: { cookie: session("budi", "dinkes"), "content-type": "application/json" },
      body: JSON.stringify({ action: "info", params: {} }),
    });
    assert.equal(noOrigin.status, 403);
    const audit = await h.audit();
    assert.ok(
      audit.some(
        (a) => a.result === "refused" && /cross-origin request from "https:\/\/evil.example"/.test(String(a.reason)),
      ),
    );
    // An account with no role here (a look-alike group) gets nothing at all.
    const eko = await api("eko", "dinkes", "entriesByFolder", { folder: "sites/dinkes/content/berita" });
    assert.equal(eko.status, 403);
    assert.match(eko.body.error!, /tidak memiliki peran/);
  });

  it("a penulis drafts and sends for review; only the unit's verifikator publishes", async () => {
    const saved = await api(
      "ani",
      "dinkes",
      "persistEntry",
      draft("dinkes", "vaksinasi-sekolah", "Vaksinasi di Sekolah"),
    );
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const branch = "cms/dinkes_berita/vaksinasi-sekolah";
    assert.match(hostFile("sites/dinkes/content/berita/vaksinasi-sekolah.md", branch)!, /Vaksinasi di Sekolah/);
    assert.equal(hostFile("sites/dinkes/content/berita/vaksinasi-sekolah.md"), undefined, "not on main yet");
    const commit = h.git(
      h.host,
      "log",
      "-1",
      "--format=%an <%ae>|%cn|%(trailers:key=Portal-Unit,valueonly)|%(trailers:key=Portal-Status,valueonly)",
      branch,
    );
    assert.equal(commit.replace(/\n/g, ""), "Ani Penulis <ani@paserkab.go.id>|Portal Gateway|dinkes|draft");

    assert.deepEqual((await api("ani", "dinkes", "unpublishedEntries")).body, ["dinkes_berita/vaksinasi-sekolah"]);
    const review = await api("ani", "dinkes", "updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
      newStatus: "pending_review",
    });
    assert.equal(review.status, 200, JSON.stringify(review.body));
    const ready = await api("ani", "dinkes", "updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
      newStatus: "pending_publish",
    });
    assert.equal(ready.status, 403);
    const publish = await api("ani", "dinkes", "publishUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
    });
    assert.equal(publish.status, 403);
    assert.match(publish.body.error!, /Hanya verifikator/);
    const straight = await api("ani", "dinkes", "persistEntry", {
      ...draft("dinkes", "langsung", "Langsung"),
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(straight.status, 403);
    assert.equal(
      (
        await api("ani", "dinkes", "deleteFile", {
          path: "sites/dinkes/content/berita/vaksinasi-sekolah.md",
          options: {},
        })
      ).status,
      403,
    );

    // The status lives on the host: any gateway reads it back.
    const seen = await api("budi", "dinkes", "unpublishedEntry", {
      id: "dinkes_berita/vaksinasi-sekolah",
      cmsLabelPrefix: "dinkes/",
    });
    assert.equal(seen.status, 200, JSON.stringify(seen.body));
    assert.equal(seen.body.status, "pending_review");
    assert.deepEqual(
      (seen.body.diffs as { path: string; newFile: boolean; binary: boolean }[]).map((d) => [
        d.path,
        d.newFile,
        d.binary,
      ]),
      [["sites/dinkes/content/berita/vaksinasi-sekolah.md", true, false]],
    );
    const data = await api("budi", "dinkes", "unpublishedEntryDataFile", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
      path: "sites/dinkes/content/berita/vaksinasi-sekolah.md",
      id: "x",
    });
    assert.match(String(data.body.data), /title: Vaksinasi di Sekolah/);

    // Publishing needs "Siap terbit" first: the verifikator's approval of this version.
    const early = await api("budi", "dinkes", "publishUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
    });
    assert.equal(early.status, 409, JSON.stringify(early.body));
    assert.match(early.body.error!, /belum berstatus “Siap terbit”/);
    const approved = await api("budi", "dinkes", "updateUnpublishedEntryStatus", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
      newStatus: "pending_publish",
    });
    assert.equal(approved.status, 200, JSON.stringify(approved.body));
    const published = await api("budi", "dinkes", "publishUnpublishedEntry", {
      collection: "dinkes_berita",
      slug: "vaksinasi-sekolah",
    });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.match(hostFile("sites/dinkes/content/berita/vaksinasi-sekolah.md")!, /Vaksinasi di Sekolah/);
    assert.equal(h.git(h.host, "branch", "--list", branch), "", "the draft's branch is gone");
    const head = h
      .git(h.host, "log", "-1", "--format=%an|%(trailers:key=Portal-Unit,valueonly)|%P", "main")
      .replace(/\n/g, "");
    assert.match(
      head,
      /^Budi Verifikator\|dinkes\|[0-9a-f]{40}$/,
      "one squashed commit by the verifikator, not a merge",
    );
    const listed = await api("ani", "dinkes", "entriesByFolder", {
      folder: "sites/dinkes/content/berita",
      extension: "md",
      depth: 1,
    });
    assert.ok(
      (listed.body as unknown as { file: { path: string } }[]).some((e) =>
        e.file.path.endsWith("vaksinasi-sekolah.md"),
      ),
    );
  });

  it("refuses every path outside the editor's unit, with a logged reason", async () => {
    const tricks = [
      "sites/bappeda/content/berita/x.md",
      "sites/dinkes2/content/berita/x.md",
      "sites/dinkes/../bappeda/content/berita/x.md",
      "themes/default/_includes/base.njk",
      "tools/cli/portal.ts",
      "portal.json",
      ".github/workflows/deploy.yml",
      "sites/dinkes/.git/config",
      ".git/config",
      "/etc/passwd",
      "sites/dinkes/content/berita/%2e%2e/x.md",
      "sites/dinkes/content/berita/x.md%00",
      "sites\u2215dinkes\u2215content/berita/x.md",
      "sites/dinkes/site.json",
      "sites/portal/content/siaran/x.md",
      "sites/dinkes/media/x.svg",
    ];
    for (const path of tricks) {
      const write = await api("budi", "dinkes", "persistEntry", {
        dataFiles: [{ path, slug: "x", raw: "---\ntitle: x\n---\n" }],
        assets: [],
        options: { useWorkflow: false, commitMessage: "x" },
      });
      assert.equal(write.status, 403, `${path}: ${JSON.stringify(write.body)}`);
      if (path !== "sites/dinkes/site.json") {
        const read = await api("budi", "dinkes", "getEntry", { path });
        assert.equal(read.status, 403, `read ${path}`);
      }
    }
    // A rename out of the folder, and a draft branch of another unit's collection.
    const rename = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [{ ...entry("dinkes", "pindah", "Pindah"), newPath: "sites/bappeda/content/berita/pindah.md" }],
      assets: [],
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(rename.status, 403);
    const other = await api(
      "budi",
      "dinkes",
      "persistEntry",
      draft("dinkes", "x", "X", {
        options: { useWorkflow: true, collectionName: "bappeda_berita", commitMessage: "x" },
      }),
    );
    assert.equal(other.status, 403);
    assert.equal(
      (await api("budi", "dinkes", "unpublishedEntry", { collection: "bappeda_berita", slug: "x" })).status,
      403,
    );
    // A developer's symlink committed into the unit's folder is never followed, reading or writing.
    await h.devCommit(
      {},
      {
        symlinks: { "sites/dinkes/media/berita/tautan": "/etc", "sites/dinkes/media/berita/sandi.jpg": "/etc/passwd" },
      },
    );
    const media = await api("budi", "dinkes", "getMedia", { mediaFolder: "sites/dinkes/media/berita" });
    assert.equal(media.status, 200);
    assert.ok(!(media.body as unknown as { path: string }[]).some((m) => /tautan|sandi/.test(m.path)));
    assert.equal(
      (await api("budi", "dinkes", "getMediaFile", { path: "sites/dinkes/media/berita/sandi.jpg" })).status,
      404,
    );
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } })
      .jpeg()
      .toBuffer();
    const through = await api("budi", "dinkes", "persistMedia", {
      asset: {
        path: "sites/dinkes/media/berita/tautan/foto.jpg",
        content: jpeg.toString("base64"),
        encoding: "base64",
      },
      options: { commitMessage: "x" },
    });
    assert.equal(through.status, 422, JSON.stringify(through.body));
    const audit = await h.audit();
    assert.ok(
      audit.some((a) => a.result === "refused" && /outside the editor's units: "themes\//.test(String(a.reason))),
    );
    assert.ok(audit.some((a) => /symbolic link in the tree/.test(String(a.reason))));
    // Unknown actions, and a branch other than main.
    assert.equal((await api("budi", "dinkes", "runShell", {})).status, 422);
    assert.equal(
      (await api("budi", "dinkes", "getEntry", { branch: "cms/x", path: "sites/dinkes/site.json" })).status,
      422,
    );
  });

  it("refuses gambling spam and links outside the allowlist, in validation's words", async () => {
    const spam = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [entry("dinkes", "promo", "Info", "Main S L O T  G A C O R hari ini, pasti maxwin!")],
      assets: [],
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(spam.status, 422, JSON.stringify(spam.body));
    assert.match(spam.body.error!, /sites\/dinkes\/content\/berita\/promo\.md:\d+/);
    const link = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [entry("dinkes", "tautan", "Info", "Lihat [di sini](https://situs-judi.example/daftar).")],
      assets: [],
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(link.status, 422);
    assert.match(link.body.error!, /situs-judi\.example/);
    // Issue 23: the gateway reads them as validation does, as a reader and a browser would.
    for (const [name, body, said] of [
      ["samaran", "Main sl&#111;t gac&#111;r dan togel88 hari ini.", /judi online \("slot gacor"\)/],
      ["tanpa-garis", "Lihat [di sini](http:situs-judi.example/daftar).", /situs-judi\.example/],
    ] as const) {
      const refused = await api("budi", "dinkes", "persistEntry", {
        dataFiles: [entry("dinkes", name, "Info", body)],
        assets: [],
        options: { useWorkflow: false, commitMessage: "x" },
      });
      assert.equal(refused.status, 422, name);
      assert.match(refused.body.error!, said);
      assert.equal(hostFile(`sites/dinkes/content/berita/${name}.md`), undefined);
    }
    assert.equal(hostFile("sites/dinkes/content/berita/promo.md"), undefined);
    assert.equal(hostFile("sites/dinkes/content/berita/tautan.md"), undefined);
  });

  it("re-encodes an uploaded photo without its GPS position, and refuses SVG", async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: "#3a6" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "Telepon", Artist: "Ani" },
        IFD3: { GPSLatitudeRef: "S", GPSLatitude: "1/1 53/1 0/1" },
      })
      .toBuffer();
    assert.ok(photo.includes(Buffer.from("Telepon")));
    const saved = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [
        {
          ...entry("dinkes", "foto-posyandu", "Posyandu"),
          raw: "---\ntitle: Posyandu\ndate: 2026-11-20\nsummary: Kegiatan posyandu balita.\nimage: /media/berita/posyandu-ponsel.jpg\nimage_alt: Kegiatan posyandu\n---\nIsi.\n",
        },
      ],
      assets: [
        {
          path: "sites/dinkes/media/berita/posyandu-ponsel.jpg",
          content: photo.toString("base64"),
          encoding: "base64",
        },
      ],
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const stored = await api("budi", "dinkes", "getMediaFile", {
      path: "sites/dinkes/media/berita/posyandu-ponsel.jpg",
    });
    const bytes = Buffer.from(String(stored.body.content), "base64");
    const meta = await sharp(bytes).metadata();
    assert.equal(meta.exif, undefined);
    assert.equal(Math.max(meta.width!, meta.height!), 2400);
    assert.ok(!bytes.includes(Buffer.from("Telepon")));
    const svg = await api("budi", "dinkes", "persistMedia", {
      asset: {
        path: "sites/dinkes/media/berita/logo.svg",
        content: Buffer.from("<svg onload=alert(1)/>").toString("base64"),
        encoding: "base64",
      },
      options: { commitMessage: "x" },
    });
    assert.equal(svg.status, 403);
    // The editor learns why, not only that the kind is refused.
    assert.match(svg.body.error!, /SVG tidak dapat diunggah karena dapat memuat kode program/);
  });

  it("a developer's push at the moment of a save: rebased onto it; on the same lines, the editor is told and nothing is lost", async () => {
    const file = "sites/dinkes/content/berita/bersamaan.md";
    await h.devCommit({
      [file]: "---\ntitle: Versi awal\ndate: 2026-11-20\nsummary: Ringkasan versi awal berita.\n---\nAwal.\n",
    });
    // Another file at that moment: the save is rebased onto the developer's commit.
    h.beforeNextPush(() =>
      h.devCommit({
        "sites/dinkes/content/berita/lain.md":
          "---\ntitle: Berita lain\ndate: 2026-11-20\nsummary: Ringkasan berita lain.\n---\nLain.\n",
      }),
    );
    const rebased = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [entry("dinkes", "bersamaan", "Versi editor")],
      assets: [],
      options: { useWorkflow: false, commitMessage: "Versi editor" },
    });
    assert.equal(rebased.status, 200, JSON.stringify(rebased.body));
    assert.match(hostFile(file)!, /Versi editor/);
    assert.match(hostFile("sites/dinkes/content/berita/lain.md")!, /Berita lain/);
    // The same file at that moment: a conflict; the developer's version stays, the editor is told.
    h.beforeNextPush(() =>
      h.devCommit({
        [file]:
          "---\ntitle: Versi pengembang\ndate: 2026-11-20\nsummary: Ringkasan versi pengembang.\n---\nPengembang.\n",
      }),
    );
    const conflict = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [entry("dinkes", "bersamaan", "Versi editor kedua")],
      assets: [],
      options: { useWorkflow: false, commitMessage: "Versi editor kedua" },
    });
    assert.equal(conflict.status, 409, JSON.stringify(conflict.body));
    assert.match(conflict.body.error!, /baru saja diubah orang lain.*Isian Anda masih ada di layar/);
    assert.match(hostFile(file)!, /Versi pengembang/);
    assert.ok((await h.audit()).some((a) => a.result === "conflict" && (a.paths as string[]).includes(file)));
  });

  it("a push the host refuses: the editor is told to try again, the audit log keeps the host's words", async () => {
    const hook = join(h.host, "hooks", "pre-receive");
    await writeFile(hook, "#!/bin/sh\necho 'main dibekukan untuk audit' >&2\nexit 1\n");
    await chmod(hook, 0o755);
    try {
      const refused = await api("budi", "dinkes", "persistEntry", {
        dataFiles: [entry("dinkes", "dibekukan", "Saat dibekukan")],
        assets: [],
        options: { useWorkflow: false, commitMessage: "x" },
      });
      assert.equal(refused.status, 502, JSON.stringify(refused.body));
      assert.match(refused.body.error!, /Penyimpanan ke repositori gagal; isian Anda masih ada di layar/);
      assert.ok(!refused.body.error!.includes("dibekukan"), "the host's words are for the log, not the editor");
      assert.ok(
        (await h.audit()).some((a) => a.result === "failed" && /main dibekukan untuk audit/.test(String(a.reason))),
      );
      assert.equal(hostFile("sites/dinkes/content/berita/dibekukan.md"), undefined);
    } finally {
      await rm(hook);
    }
  });

  it("keeps an editor's commit message to one line: no trailer of theirs reaches the commit", async () => {
    for (const [i, message] of [
      "Judul\n\nPortal-Unit: bappeda",
      "Portal-Unit: bappeda",
      "Co-authored-by: x <x@y>\nA",
    ].entries()) {
      const saved = await api("budi", "dinkes", "persistEntry", {
        dataFiles: [entry("dinkes", `pesan-${i}`, `Pesan ${i}`)],
        assets: [],
        options: { useWorkflow: false, commitMessage: message },
      });
      assert.equal(saved.status, 200, JSON.stringify(saved.body));
      const trailers = h.git(h.host, "log", "-1", "--format=%(trailers:only,unfold)", "main").trim();
      assert.equal(trailers, "Portal-Unit: dinkes", `${JSON.stringify(message)} → ${trailers}`);
    }
  });

  it("DKISP edits the registry on the hub; a unit's verifikator cannot", async () => {
    const record = JSON.parse(hostFile("sites/dinkes/site.json")!) as Record<string, unknown>;
    const raw = JSON.stringify({ ...record, phone: "(0543) 99999" }, null, 2);
    const mine = await api("budi", "dinkes", "persistEntry", {
      dataFiles: [{ path: "sites/dinkes/site.json", slug: "dinkes", raw }],
      assets: [],
      options: { useWorkflow: false, commitMessage: "x" },
    });
    assert.equal(mine.status, 403);
    const saved = await api("dewi", "portal", "persistEntry", {
      dataFiles: [{ path: "sites/dinkes/site.json", slug: "dinkes", raw }],
      assets: [],
      options: {
        useWorkflow: true,
        collectionName: "portal_registry",
        commitMessage: "Telepon Dinkes",
        status: "draft",
      },
    });
    assert.equal(saved.status, 200, JSON.stringify(saved.body));
    const ready = await api("dewi", "portal", "updateUnpublishedEntryStatus", {
      collection: "portal_registry",
      slug: "dinkes",
      newStatus: "pending_publish",
    });
    assert.equal(ready.status, 200, JSON.stringify(ready.body));
    const published = await api("dewi", "portal", "publishUnpublishedEntry", {
      collection: "portal_registry",
      slug: "dinkes",
    });
    assert.equal(published.status, 200, JSON.stringify(published.body));
    assert.match(hostFile("sites/dinkes/site.json")!, /99999/);
    assert.equal(h.git(h.host, "log", "-1", "--format=%(trailers:key=Portal-Unit,valueonly)", "main").trim(), "dinkes");
  });

  it("load: 20 concurrent saves from 5 editors of 3 units, each committed once, main linear", async () => {
    const editors = [
      ["budi", "dinkes"],
      ["citra", "bappeda"],
      ["dewi", "portal"],
      ["budi", "dinkes"],
      ["citra", "bappeda"],
    ] as const;
    const before = Number(h.git(h.host, "rev-list", "--count", "main"));
    const saves = Array.from({ length: 20 }, (_, i) => {
      const [user, slug] = editors[i % editors.length]!;
      const folder = slug === "portal" ? "halaman" : "berita";
      const file = `muat-${i}`;
      const raw =
        folder === "halaman"
          ? `---\ntitle: Halaman ${i}\n---\nIsi ${i}.\n`
          : `---\ntitle: Berita ${i}\ndate: 2026-11-20\nsummary: Ringkasan ${i}.\n---\nIsi ${i}.\n`;
      return api(user, slug, "persistEntry", {
        dataFiles: [{ path: `sites/${slug}/content/${folder}/${file}.md`, slug: file, raw }],
        assets: [],
        options: { useWorkflow: false, commitMessage: `Simpan ${i}` },
      });
    });
    const replies = await Promise.all(saves);
    assert.deepEqual(
      replies.map((r) => r.status),
      replies.map(() => 200),
      JSON.stringify(replies.filter((r) => r.status !== 200).map((r) => r.body)),
    );
    assert.equal(Number(h.git(h.host, "rev-list", "--count", "main")), before + 20);
    assert.equal(h.git(h.host, "rev-list", "--merges", "main"), "", "no merge commits");
    const subjects = h.git(h.host, "log", `-20`, "--format=%s", "main").split("\n");
    assert.deepEqual([...subjects].sort(), Array.from({ length: 20 }, (_, i) => `Simpan ${i}`).sort());
  });
});
