// /admin/ of one site: Decap CMS (loaded before this file, from /admin/decap/, the site's own
// origin) with the configuration generated for this site at build, in Indonesian, and a preview
// that uses the site's own stylesheet.
const CMS = window.CMS;
const { h, createClass } = window;

const [config, locale] = await Promise.all([
  fetch(new URL("config.json", import.meta.url)).then((r) => r.json()),
  fetch(new URL("locale-id.json", import.meta.url)).then((r) => r.json()),
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

CMS.init({ config });
