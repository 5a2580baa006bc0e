// /admin/ of one site: Decap CMS (loaded before this file, from /admin/decap/, the site's own
// origin) with the configuration generated for this site at build, in Indonesian, and a preview
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
    const { entry, widgetFor, getAsset } = this.props;
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
        image ? h("figure", { className: "cover" }, h("img", { src: getAsset(image)?.toString(), alt })) : null,
        widgetFor("body"),
      ),
    );
  },
});
for (const collection of config.collections) CMS.registerPreviewTemplate(collection.name, ItemPreview);

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
    const data = entry.get("data");
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
    for (const match of String(data.get("body") ?? "").matchAll(/!\[([^\]]*)\]\(\s*<?([^)\s>]+)/g)) {
      if (!match[1].trim()) problems.push(`Gambar ${match[2]} di isi tulisan belum punya teks alternatif: jelaskan isi gambar untuk pembaca tunanetra.`);
    }
    if (problems.length) throw new Error(problems.join(" "));
  },
});

/** The values at a field path of an entry's data ("*" for every item of a list). */
function valuesAt(data, path) {
  if (data === undefined || data === null) return [];
  if (path.length === 0) return [data];
  const [head, ...rest] = path;
  if (head === "*") return [...(data.values?.() ?? [])].flatMap((item) => valuesAt(item, rest));
  return valuesAt(data.get?.(head), rest);
}

CMS.init({ config });
