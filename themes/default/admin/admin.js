// /admin/ of one site: Decap CMS (the module /admin/ runs before this one, from /admin/decap/, the
// site's own origin) with the configuration generated for this site at build, in Indonesian, and a preview
// that uses the site's own stylesheet.
const CMS = window.CMS;
const { h, createClass } = window;

const [config, locale, rules] = await Promise.all([
  fetch(new URL("config.json", import.meta.url)).then((r) => r.json()),
  fetch(new URL("locale-id.json", import.meta.url)).then((r) => r.json()),
  fetch(new URL("rules.json", import.meta.url)).then((r) => r.json()),
]);

CMS.registerLocale("id", locale);
CMS.registerPreviewStyle("/assets/style.css");

/** An item as the site shows it: title, summary, cover photo, body. */
const ItemPreview = createClass({
  render() {
    const { entry, widgetFor, getAsset, fields } = this.props;
    const data = entry.get("data");
    const title = data.get("title") ?? data.get("name") ?? "";
    const summary = data.get("summary");
    const image = data.get("image") ?? data.get("photo");
    const alt = data.get("image_alt") ?? data.get("photo_alt") ?? "";
    return h(
      "main",
      { id: "isi" },
      h(
        "article",
        { className: "item" },
        h("h1", {}, title),
        summary ? h("p", { className: "lead" }, summary) : null,
        image ? h("figure", { className: "cover" }, h("img", { src: getAsset(mediaPath(image, entry.get("collection")), fields?.find?.((f) => f.get("name") === (data.get("image") ? "image" : "photo")))?.toString(), alt })) : null,
        widgetFor("body"),
      ),
    );
  },
});
for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, ItemPreview);

/**
 * Thumbnails of photos not yet published. Decap treats a value starting with "/" as an address
 * (its isAbsolutePath) and shows /media/berita/foto.jpg from the site, where a photo exists only
 * once published: a photo just uploaded, or in a draft, showed broken. Given relative to the
 * field's folder, Decap looks the file up among the entry's own media (the upload, the draft's
 * branch) and the media library instead. The stored value is unchanged.
 */
const collectionsByName = new Map(config.collections.map((c) => [c.name, c]));
function mediaPath(path, collection, field) {
  const name = typeof collection === "string" ? collection : collection?.get?.("name");
  const folder = field?.get?.("public_folder") ?? collectionsByName.get(name)?.public_folder ?? config.public_folder;
  return typeof path === "string" && folder && path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path;
}
for (const name of ["image", "file"]) {
  const widget = CMS.getWidget(name);
  // A subclass, not a wrapper: Decap keeps the inserted file under the control instance's id, and
  // a wrapper component made Decap mount a fresh control on insertion, losing the file.
  class LocalMediaControl extends widget.control {
    render() {
      const props = this.props;
      const { getAsset, collection, field } = props;
      if (this.localFor !== getAsset) {
        this.localFor = getAsset;
        this.localGetAsset = (path, f = field) => getAsset(mediaPath(path, collection, f), f);
      }
      // The children (thumbnails) get the lookup above; the control's own logic sees Decap's props.
      this.props = { ...props, getAsset: this.localGetAsset };
      try {
        return super.render();
      } finally {
        this.props = props;
      }
    }
  }
  // In place, not registered again: Decap would warn that "image" and "file" are registered twice,
  // and the registry's entry keeps its preview, validator, styles and schema as they are.
  widget.control = LocalMediaControl;
}

/**
 * Decap's login page shows a logo (the regency's emblem, config.json `logo`) and "Masuk": whose
 * CMS this is goes beside them, the regency's and the unit's names (admin.njk puts them on <body>).
 */
{
  const { pemda, unit } = document.body.dataset;
  const observer = new MutationObserver(() => {
    const button = [...document.querySelectorAll("#nc-root button")].find((b) => b.textContent.trim() === locale.auth.login);
    if (!button || !pemda) return;
    const name = document.createElement("p");
    name.className = "nama-pengelola";
    name.textContent = `Pengelola isi ${unit} · ${pemda}`;
    name.style.cssText = "font:600 1.15rem/1.4 sans-serif;color:#1b1f24;text-align:center;margin:0 1rem 1.5rem";
    button.before(name);
    observer.disconnect();
  });
  observer.observe(document.body, { childList: true, subtree: true });
}

/**
 * A new entry not saved yet: Decap labels an unchanged form "Tersimpan" (saved) even when it has
 * never been saved. While the address is a new entry's, the label says "Belum disimpan" instead
 * (CSS on Decap's own label, so React keeps its text; the first save moves to the entry's address).
 */
{
  const style = document.createElement("style");
  style.textContent = `body[data-entri-baru] [class*="-BackStatusUnchanged"] { visibility: hidden; font-size: 0; }
body[data-entri-baru] [class*="-BackStatusUnchanged"]::before { content: "${locale.editor.editorToolbar.unsavedChanges}"; visibility: visible; font-size: 13px; color: #8a1f1f; }`;
  document.head.append(style);
  const mark = () => {
    if (/^#\/collections\/[^/]+\/new(?:$|\?)/.test(location.hash)) document.body.dataset.entriBaru = "";
    else delete document.body.dataset.entriBaru;
  };
  window.addEventListener("hashchange", mark);
  mark();
}

/**
 * Dates in Indonesian whatever the browser's language: the native picker shows the date in the
 * browser's order (mm/dd/yyyy in an English browser), so the chosen date is written out below it
 * as the site shows it, "Jumat, 27 November 2026" (and "pukul 09.00 WITA" for a date and time).
 */
const bulan = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];
const hari = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const zoneNames = { 7: "WIB", 8: "WITA", 9: "WIT" };
function tanggalIndonesia(value) {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(String(value ?? ""));
  if (!m) return "";
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return "";
  const zone = zoneNames[Object.values(rules).flatMap((r) => r.dates ?? [])[0]?.zoneHours] ?? "";
  const time = m[4] ? `, pukul ${m[4]}.${m[5]}${zone ? ` ${zone}` : ""}` : "";
  return `${hari[date.getUTCDay()]}, ${day} ${bulan[month - 1]} ${year}${time}`;
}
{
  const widget = CMS.getWidget("datetime");
  class IndonesianDateControl extends widget.control {
    render() {
      const native = super.render();
      const reading = tanggalIndonesia(this.props.value);
      // Below the field, as the site will show it; nothing while no date is chosen.
      return h(
        "div",
        {},
        native,
        h("p", { className: "tanggal-terpilih", "aria-live": "polite", style: { margin: ".4rem 0 0", color: "#1b1f24" } }, reading ? `Terpilih: ${reading}` : ""),
      );
    }
  }
  widget.control = IndonesianDateControl;
}

/**
 * Checks Decap's configuration cannot express, before every save, so that what the CMS saves is
 * what `npm run validate` accepts: a field required once another is filled (a photo and its alt
 * text), and alt text on every image in the body. A thrown error stops the save and shows the
 * message to the editor.
 */
CMS.registerEventListener({
  name: "preSave",
  handler: ({ entry }) => {
    const rule = rules[entry.get("collection")];
    // A field typed in and cleared again is stored by Decap as "" (an empty object as {}):
    // validation reads that as a value that breaks the field's rule, so an empty field is left out,
    // as if never touched. A required field is never empty here: Decap refuses that first.
    const data = withoutEmpty(entry.get("data"));
    const problems = [];
    const label = (name) => rule?.labels[name] ?? name;
    for (const [field, needed] of Object.entries(rule?.dependentRequired ?? {})) {
      if (!data.get(field)) continue;
      for (const other of needed) {
        if (!String(data.get(other) ?? "").trim()) problems.push(`Kolom "${label(other)}" wajib diisi karena "${label(field)}" diisi.`);
      }
    }
    for (const media of rule?.media ?? []) {
      for (const value of valuesAt(data, media.path)) {
        if (typeof value === "string" && value && !new RegExp(media.pattern[0]).test(value)) problems.push(`${media.label} "${value}" belum sesuai: ${media.pattern[1]}`);
      }
    }
    for (const object of rule?.objects ?? []) {
      const value = data.get(object.name);
      if (!value) continue;
      for (const child of object.required) {
        if (!String(value.get(child.name) ?? "").trim()) problems.push(`Kolom "${child.label}" wajib diisi karena "${object.label}" diisi.`);
      }
    }
    for (const date of rule?.dates ?? []) {
      const value = data.get(date.name);
      if (typeof value !== "string" || !value) continue;
      if ((date.min && value < date.min) || (date.max && value > date.max)) problems.push(`${date.label} "${value}" di luar rentang yang masuk akal (${date.min.slice(0, 4)} sampai ${date.max.slice(0, 4)}): periksa tahunnya.`);
      if (date.maxDaysAhead !== undefined && value.slice(0, 10) > daysFromToday(date.maxDaysAhead, date.zoneHours)) problems.push(`${date.label} "${value}" lebih dari setahun ke depan: periksa tahunnya (kegiatan yang akan datang ditulis sebagai Agenda).`);
      const earlier = date.after && data.get(date.after.name);
      if (typeof earlier === "string" && earlier && value < earlier) problems.push(`${date.label} (${value}) lebih awal daripada ${date.after.label} (${earlier}).`);
    }
    for (const match of String(data.get("body") ?? "").matchAll(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)/g)) {
      if (!match[1].trim()) problems.push(`Gambar ${match[2]} di isi tulisan belum punya teks alternatif: jelaskan isi gambar untuk pembaca tunanetra.`);
    }
    if (problems.length) throw new Error(problems.join(" "));
    return data;
  },
});

/** Today plus `days`, as YYYY-MM-DD in the regency's zone (portal.json), whatever the browser's zone. */
function daysFromToday(days, zoneHours) {
  return new Date(Date.now() + zoneHours * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** An entry's data without empty values ("", spaces, null, empty lists and objects), at any depth; the body stays. */
function withoutEmpty(data) {
  // Spaces only count as empty too: validation refuses text of spaces (a field left "   ").
  const empty = (v) => v === undefined || v === null || (typeof v === "string" && v.trim() === "") || (typeof v?.size === "number" && v.size === 0);
  const clean = (v) => {
    if (v?.filter && v?.map && typeof v.get === "function") {
      const mapped = v.map(clean);
      // Maps lose their empty keys; lists keep their items (an empty item is Decap's to refuse).
      return "keySeq" in v && !("push" in v) ? mapped.filter((x) => !empty(x)) : mapped;
    }
    return v;
  };
  return data.map((value, key) => (key === "body" ? value : clean(value))).filter((value, key) => key === "body" || !empty(value));
}

/** The values at a field path of an entry's data ("*" for every item of a list). */
function valuesAt(data, path) {
  if (data === undefined || data === null) return [];
  if (path.length === 0) return [data];
  const [head, ...rest] = path;
  if (head === "*") return [...(data.values?.() ?? [])].flatMap((item) => valuesAt(item, rest));
  return valuesAt(data.get?.(head), rest);
}

/**
 * The editors' gateway (backend "proxy" on this origin's /admin/api/): an editor without a session
 * goes to the regency's SSO and comes back here. A session that ends while the editor works gets
 * a banner instead of a lost page: the login opens beside the CMS, and what was typed stays on
 * screen to be saved again (Decap also keeps an unsaved copy in this browser).
 */
if (config.backend.name === "proxy") {
  const api = config.backend.proxy_url.replace(/\/v1$/, "");
  const session = await fetch(`${api}/session`, { credentials: "same-origin" });
  if (session.status === 401) {
    location.assign(`${api}/login?next=${encodeURIComponent(location.pathname + location.hash)}`);
    await new Promise(() => {});
  }
  if (!session.ok && session.status !== 401) {
    document.body.textContent = `Pengelola isi tidak dapat menghubungi servernya (kode ${session.status}). Coba muat ulang halaman ini; bila tetap begini, hubungi DKISP.`;
    await new Promise(() => {});
  }
  // Decap's "Keluar" only forgets the editor in this page (its proxy backend has no logout): the
  // gateway's session ends with a POST from this site's own page, which this form sends. The
  // browser then goes through the SSO's own logout and back to the site.
  const { local } = await session.json();
  if (!local)
    document.addEventListener(
      "click",
      (event) => {
        const item = event.target.closest?.('[role="menuitem"]');
        if (item?.textContent.trim() !== locale.ui.settingsDropdown.logOut) return;
        const form = document.createElement("form");
        form.method = "post";
        form.action = `${api}/logout`;
        document.body.append(form);
        form.submit();
      },
      true,
    );
  const banner = document.createElement("div");
  banner.setAttribute("role", "alert");
  banner.id = "sesi-berakhir";
  banner.hidden = true;
  // At the bottom: Decap's toolbar, with the Simpan the banner asks for, is at the top.
  banner.style.cssText = "position:fixed;z-index:100000;inset:auto 0 0 0;padding:.75rem 1rem;background:#7a1f1f;color:#fff;font:1rem/1.4 sans-serif;text-align:center";
  const text = document.createElement("span");
  const again = document.createElement("a");
  again.textContent = "Masuk lagi";
  again.href = `${api}/login?next=${encodeURIComponent(`${api}/masuk-selesai`)}`;
  again.target = "_blank";
  // The SSO page gets no handle on this tab; the banner learns of the login by asking the session.
  again.rel = "noopener";
  again.style.cssText = "color:#fff;font-weight:bold;margin-left:.75rem";
  banner.append(text, again);
  document.body.prepend(banner);
  const show = () => {
    text.textContent = "Sesi Anda telah berakhir. Isian Anda masih ada di layar dan belum tersimpan.";
    banner.hidden = false;
    again.hidden = false;
  };
  again.addEventListener("click", () => {
    // Once the login in the other tab is done, the banner says so and the editor saves again.
    const wait = setInterval(async () => {
      const check = await fetch(`${api}/session`, { credentials: "same-origin" }).catch(() => undefined);
      if (check?.ok) {
        clearInterval(wait);
        text.textContent = "Anda sudah masuk lagi. Klik Simpan (atau ulangi tindakan tadi) untuk melanjutkan.";
        again.hidden = true;
        setTimeout(() => (banner.hidden = true), 15000);
      }
    }, 2000);
  });
  const fetch0 = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const url = typeof input === "string" ? input : input?.url;
    const toGateway = String(url).includes(config.backend.proxy_url);
    let request;
    if (toGateway && typeof init?.body === "string") {
      try {
        request = JSON.parse(init.body);
      } catch {}
      const base = request?.params && baseOf(request);
      if (base) init = { ...init, body: JSON.stringify({ ...request, params: { ...request.params, base } }) };
      // Decap asks for a draft of every entry it opens; "none" comes back as 200 and is handed to
      // Decap as the 404 it expects, so a new entry logs no failed request.
      if (request?.action === "unpublishedEntry")
        init = { ...init, body: JSON.stringify({ ...request, params: { ...request.params, quiet: true } }) };
    }
    const response = await fetch0(input, init);
    if (request?.action === "unpublishedEntry" && response.ok) {
      const body = await response.clone().json().catch(() => undefined);
      if (body?.noDraft)
        return new Response(JSON.stringify({ message: "Not Found" }), {
          status: 404,
          headers: { "content-type": "application/json" },
        });
    }
    if (response.status === 401 && toGateway) show();
    if (request && response.ok) afterwards(request, response.clone());
    // Only the answers that carry a version are read twice (a media list can be megabytes).
    if (request && response.ok && learnsFrom.has(request.action))
      learn(request, await response.clone().json().catch(() => undefined));
    return response;
  };
}

/**
 * What Decap does not tell the editor after a save and a publication: the draft's page on the
 * real site ("Lihat pratinjau": Decap's own link comes only when an entry is opened again, not
 * after the first save of a new one), and when the published page is live, with its address.
 * One notice at the bottom right, read out by screen readers, closed with "Tutup".
 */
const notice = (() => {
  const box = document.createElement("div");
  box.id = "kabar-cms";
  box.setAttribute("role", "status");
  box.hidden = true;
  box.style.cssText = "position:fixed;z-index:99999;right:1rem;bottom:4.5rem;max-width:26rem;padding:.75rem 1rem;background:#fff;color:#1b1f24;border:2px solid #1f5f3a;border-radius:6px;box-shadow:0 2px 12px rgba(0,0,0,.25);font:1rem/1.45 sans-serif";
  const text = document.createElement("p");
  text.style.margin = "0 0 .5rem";
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = "Tutup";
  close.style.cssText = "font:inherit;padding:.2rem .8rem;cursor:pointer";
  close.addEventListener("click", () => (box.hidden = true));
  box.append(text, close);
  document.body.append(box);
  let shown = 0;
  return {
    /** Shows `parts` (text and elements); returns a token that says whether it is still the one shown. */
    show(kind, parts) {
      text.replaceChildren(...parts);
      box.dataset.kind = kind;
      box.hidden = false;
      const token = ++shown;
      return () => token === shown && !box.hidden;
    },
    hide(kind) {
      if (box.dataset.kind === kind) box.hidden = true;
    },
  };
})();
const link = (href, label) => {
  const a = document.createElement("a");
  a.href = href;
  a.textContent = label;
  a.target = "_blank";
  a.rel = "noopener";
  a.style.cssText = "font-weight:bold;color:#0b5394;text-decoration:underline";
  return a;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** One action of the gateway, as Decap's proxy backend asks it. */
const ask = (action, params) =>
  window.fetch(config.backend.proxy_url, {
    method: "POST",
    headers: { "content-type": "application/json; charset=utf-8" },
    body: JSON.stringify({ action, params: { branch: config.backend.branch ?? "main", ...params } }),
  });

function afterwards(request, response) {
  const { action, params } = request;
  // A record of the registry (DKISP's `<hub>_registry`) is no page: it has no preview.
  if (action === "persistEntry" && params?.options?.useWorkflow && !String(params.options.collectionName).endsWith("_registry")) {
    const entry = params.dataFiles?.[0] ?? params.entry;
    void previewOf(params.options.collectionName, entry?.slug);
  }
  if (action === "publishUnpublishedEntry") void response.json().then((body) => body?.live && watchLive(body.live), () => {});
}

/** After a save into a draft: its preview, once the gateway has rendered it (it waits for the render). */
async function previewOf(collection, slug) {
  if (!collection || !slug) return;
  const current = notice.show("pratinjau", ["Tersimpan. Pratinjau draf di situs sedang dibuat…"]);
  for (let attempt = 0; attempt < 4 && current(); attempt++) {
    const body = await ask("getDeployPreview", { collection, slug }).then((r) => (r.ok ? r.json() : null), () => null);
    if (body?.url && current()) {
      notice.show("pratinjau", ["Pratinjau draf siap: halaman ini seperti akan tampil di situs, hanya untuk pengelola isi unit ini. ", link(body.url, "Lihat pratinjau")]);
      return;
    }
    await sleep(5000);
  }
  if (current()) notice.show("pratinjau", ["Draf tersimpan, tetapi pratinjaunya belum siap. Buka lagi tulisan ini sebentar lagi untuk melihatnya."]);
}

/**
 * After "Terbitkan": the page will be on the site within about N minutes (as deploys run), at
 * this address; it becomes a link once the page there shows the version just published (its
 * `portal:versi`, the file's Git blob id), checked every few seconds on this same origin.
 */
async function watchLive({ page, version, withinMinutes }) {
  const address = new URL(page, location.origin).href;
  const minutes = `sekitar ${withinMinutes} menit`;
  const current = notice.show("terbit", [`Sudah terbit. Halaman ini akan tampil di situs dalam ${minutes}, di alamat ${address}. Tautannya muncul di sini begitu halaman itu tampil.`]);
  const every = withinMinutes <= 1 ? 2000 : 15000;
  const until = Date.now() + withinMinutes * 3 * 60_000;
  while (current() && Date.now() < until) {
    const html = await fetch(page, { cache: "no-store", credentials: "omit" }).then((r) => (r.ok ? r.text() : ""), () => "");
    const shown = /<meta name="portal:versi" content="([0-9a-f]+)"/.exec(html)?.[1];
    if (html && (!version || shown === version)) {
      if (current()) notice.show("terbit", ["Sudah tampil di situs: ", link(address, address)]);
      return;
    }
    await sleep(every);
  }
  if (current()) notice.show("terbit", [`Halaman ini belum tampil di situs setelah ${withinMinutes * 3} menit. Periksa lagi nanti di ${address}; bila tetap belum tampil, hubungi DKISP.`]);
}
// A preview notice belongs to the entry it was made for: gone when the editor opens another.
window.addEventListener("hashchange", () => {
  if (!/\/(new|entries\/)/.test(location.hash)) notice.hide("pratinjau");
});

/**
 * The version of each entry this page loaded (a blob id from the gateway; null for one that did
 * not exist), sent back with every save, "ready" and publication: the gateway refuses one that
 * started from an older version than the repository's (someone else saved in between) instead of
 * writing over their work. Only what opens an entry in the editor counts, not the lists: a list
 * read while the form is open would otherwise vouch for text the editor never saw.
 */
const versions = new Map();
const learnsFrom = new Set(["getEntry", "unpublishedEntryDataFile", "persistEntry"]);
function learn({ action }, body) {
  if (action === "getEntry" || action === "unpublishedEntryDataFile") {
    if (body?.file?.path) versions.set(body.file.path, body.file.id ?? null);
  } else if (action === "persistEntry") {
    for (const [path, id] of Object.entries(body?.versions ?? {})) versions.set(path, id);
  }
}
function baseOf({ action, params }) {
  const known = (path) => [path, versions.has(path) ? versions.get(path) : null];
  if (action === "persistEntry") return Object.fromEntries((params.dataFiles ?? []).map((f) => known(f.path)));
  if (action === "publishUnpublishedEntry" || action === "updateUnpublishedEntryStatus") {
    const path = entryPath(params.collection, params.slug);
    return path ? Object.fromEntries([known(path)]) : undefined;
  }
  return undefined;
}
/** Where entry `slug` of `collection` lives, as the gateway names it (a folder's file, or a file's). */
function entryPath(collection, slug) {
  const c = collectionsByName.get(collection);
  if (c?.folder) return `${c.folder}/${slug}.${c.extension ?? "md"}`;
  return c?.files?.find((f) => f.name === slug)?.file;
}

CMS.init({ config });
