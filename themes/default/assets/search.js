// The search page (/cari/): runs the query in the address (?q=&jenis=&unit=) and each one typed,
// on Pagefind's own loader (/pagefind/pagefind.js). Every site searches its own index; the hub
// merges into its own the three parts of an index of a record of every unit's page
// (/pagefind/units/<part>/; the units' items of this week and the last are records in the hub's
// own), so its first search costs the same at 5 units or 500.
// Loaded only on /cari/, as a module: every other page stays free of JavaScript.

const root = document.querySelector("[data-search]");
const form = root.querySelector("form");
const input = form.elements.namedItem("q");
const typeSelect = form.elements.namedItem("jenis");
const unitSelect = form.elements.namedItem("unit");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const more = document.getElementById("search-more");
const everywhere = document.getElementById("search-everywhere");
const unitSite = document.getElementById("search-unit-site");
const strings = JSON.parse(root.dataset.strings);
/** The regency's words (the hub's katalog.json): groups that mean the same, and words that mean nothing here. */
const synonyms = JSON.parse(root.dataset.synonyms ?? "[]").map((group) => group.map(fold));
const fillers = new Set(JSON.parse(root.dataset.fillers ?? "[]").map(fold));
/**
 * A query that names a service finds services first, through the filter only service pages carry
 * (base.njk): its index lists those pages alone, a small file, where the type filter lists every page.
 */
const serviceFilter = root.dataset.serviceFilter ? JSON.parse(root.dataset.serviceFilter) : undefined;
const pageSize = 10;
const giveUpAfter = 30;

const say = (template, values) => template.replace(/\{(\w+)\}/g, (_, key) => String(values[key] ?? ""));
const optionText = (select) => (select && select.value ? select.selectedOptions[0].textContent.trim() : "");

let loading;

function loadPagefind() {
  loading ??= (async () => {
    const pagefind = await import(new URL("/pagefind/pagefind.js", location.href).href);
    // In the page, not in Pagefind's worker: the worker is one more script (11 KB as sent) before
    // the first result, and searching one index of a few thousand records takes milliseconds.
    await pagefind.options({ excerptLength: 24, noWorker: true });
    await pagefind.init();
    // The hub's indexes of the units' records, apart from its own so that its build can keep each
    // while its records stay the same; merged, they share the first index's WebAssembly.
    const parts = JSON.parse(root.dataset.unitsIndexes ?? "[]");
    await Promise.all(parts.map((part) => pagefind.mergeIndex(part, { excerptLength: 24 })));
    return pagefind;
  })().catch((error) => {
    // A failed load (a dropped connection) is tried again with the next search.
    loading = undefined;
    throw error;
  });
  return loading;
}

function fold(text) {
  return text.toLocaleLowerCase("id-ID").normalize("NFKC").replace(/\s+/g, " ").trim();
}

/** Where `text` holds `words` as whole words ("kk" not in "kkn"), or -1. */
function wordsAt(text, words) {
  for (let at = text.indexOf(words); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = text[at - 1] ?? "";
    const after = text[at + words.length] ?? "";
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return at;
  }
  return -1;
}

const holdsWords = (text, words) => wordsAt(text, words) >= 0;

/**
 * The queries a citizen's words stand for: without the words that only lead in ("cara buat ktp" is
 * "ktp"), and with each synonym group's other members in place of one it holds ("ektp" is also
 * "KTP-el" and "KTP elektronik"). Eight at most: each is one more search.
 */
function queriesOf(term) {
  const words = fold(term).split(" ");
  const kept = words.filter((w) => !fillers.has(w));
  const base = (kept.length ? kept : words).join(" ");
  const queries = [base];
  for (const group of synonyms) {
    const member = group.find((m) => holdsWords(base, m));
    if (!member) continue;
    const at = wordsAt(base, member);
    for (const other of group) {
      const query = `${base.slice(0, at)}${other}${base.slice(at + member.length)}`;
      if (!queries.includes(query)) queries.push(query);
    }
  }
  return queries.slice(0, 8);
}

/**
 * Every query's results in one list, each page once with its best score: services first when the
 * query names one (a citizen asking "KTP" came for the service, not the gallery of its launch),
 * then everything else.
 */
async function searchAll(pagefind, term, filters) {
  const queries = queriesOf(term);
  const runs = queries.map((q) => pagefind.search(q, { filters }));
  const servicesFirst = serviceFilter && !filters.jenis;
  const serviceRuns = servicesFirst ? queries.map((q) => pagefind.search(q, { filters: { ...filters, ...serviceFilter } })) : [];
  const best = (found) => {
    const byId = new Map();
    for (const r of found.flatMap((f) => f?.results ?? [])) if (!byId.has(r.id) || byId.get(r.id).score < r.score) byId.set(r.id, r);
    return [...byId.values()].sort((a, b) => b.score - a.score);
  };
  const services = await byName(best(await Promise.all(serviceRuns)), queries);
  const ids = new Set(services.map((r) => r.id));
  return [...services, ...best(await Promise.all(runs)).filter((r) => !ids.has(r.id))];
}

/**
 * Services whose name is the query come first, then those known by it, then those whose name or
 * another name holds it, then the rest in Pagefind's order. Pagefind's score alone ranks "Rapat
 * Kerja Damkar" above the service that is known as "damkar" (a long page with the word once
 * scores low), and a score is its index's own: "sku" is "Surat Keterangan Usaha" by name, and a
 * kecamatan's "Surat Keterangan Usaha Kecamatan Batu Sopang" only by another name.
 */
async function byName(services, queries) {
  const head = services.slice(0, 40);
  const pages = await Promise.all(head.map((r) => r.data()));
  const rank = head.map((r, i) => {
    const title = fold(pages[i].meta.title ?? "");
    const names = [title, ...(pages[i].meta.aliases ?? "").split(", ").map(fold)];
    const named = queries.includes(title)
      ? 3
      : queries.some((q) => names.includes(q))
        ? 2
        : queries.some((q) => names.some((n) => holdsWords(n, q)))
          ? 1
          : 0;
    return { r, named, i };
  });
  rank.sort((a, b) => b.named - a.named || a.i - b.i);
  return [...rank.map((x) => x.r), ...services.slice(40)];
}

let generation = 0;
let results = [];
/** How many of `results` have been fetched and checked, and how many of those are shown. */
let loaded = 0;
let shown = 0;
let terms = [];

async function search() {
  const term = input.value.trim();
  remember(term);
  const mine = ++generation;
  list.replaceChildren();
  more.hidden = true;
  if (!term) {
    status.textContent = "";
    return;
  }
  status.textContent = strings.searching;
  try {
    const pagefind = await loadPagefind();
    const filters = {};
    if (typeSelect?.value) filters.jenis = optionText(typeSelect);
    if (unitSelect?.value) filters.unit = optionText(unitSelect);
    const found = await searchAll(pagefind, term, filters);
    if (mine !== generation) return;
    results = found;
    loaded = 0;
    shown = 0;
    terms = queriesOf(term).flatMap((q) => q.split(" "));
    await showMore(mine);
  } catch (error) {
    console.error(error);
    if (mine === generation) status.textContent = strings.failed;
  }
}

/** Shows the next relevant results, fetching each one's data (a small file per page) as it goes. */
async function showMore(mine) {
  // One batch at a time: a second tap on "more" while one loads would show results twice.
  more.disabled = true;
  const wanted = shown + pageSize;
  // Pagefind's fallback to word prefixes can return hundreds of near misses for a word no page
  // has; after `giveUpAfter` of them in a row, the rest are taken to be near misses too, rather
  // than fetching every one of them over a slow connection.
  let missesInARow = 0;
  while (shown < wanted && loaded < results.length && missesInARow < giveUpAfter) {
    const batch = results.slice(loaded, loaded + (wanted - shown));
    const pages = await Promise.all(batch.map((r) => r.data()));
    if (mine !== generation) return;
    loaded += batch.length;
    const kept = pages.filter(relevant);
    list.append(...kept.map(resultItem));
    shown += kept.length;
    missesInARow = kept.length ? 0 : missesInARow + batch.length;
  }
  if (missesInARow >= giveUpAfter) loaded = results.length;
  const done = loaded >= results.length;
  more.hidden = done;
  more.disabled = false;
  // Until every result is checked, the count is of those shown: Pagefind's own total includes
  // the near misses `relevant` leaves out.
  const summary = shown === 0 ? say(strings.none, { q: input.value.trim() }) : say(done ? strings.found : strings.foundSoFar, { n: shown.toLocaleString("id-ID"), q: input.value.trim() });
  status.textContent = summary;
}

/**
 * Pagefind, finding no word of the query in an index, falls back to the longest prefix that is
 * in it, down to one letter (pagefind#599): "imunisasi" then finds "I" of "Semester I" in a unit
 * that never mentions it, and ranks it first. A result is kept only if one of its matched words
 * is more than two letters long, or about as long as a word of the query.
 */
function relevant(page) {
  const matched = [...page.excerpt.matchAll(/<mark>(.*?)<\/mark>/g)].map((m) => m[1].trim());
  // And a prefix less than half as long as the word asked for is a near miss too ("tidak" for a
  // long word no page has), while a stem is not ("lahir" for "kelahiran").
  return (
    matched.length === 0 ||
    matched.some((word) => terms.some((t) => word.length * 2 >= t.length && (word.length > 2 || t.length <= word.length + 1)))
  );
}

function resultItem(page) {
  const item = document.createElement("li");
  const title = document.createElement("h2");
  const link = document.createElement("a");
  link.href = page.url;
  link.textContent = page.meta.title ?? page.url;
  title.append(link);
  const meta = document.createElement("p");
  meta.className = "meta";
  meta.textContent = [page.meta.unit, page.filters?.jenis?.[0], page.meta.date].filter(Boolean).join(" · ");
  const excerpt = document.createElement("p");
  excerpt.append(...excerptNodes(page.excerpt));
  item.append(title, meta, excerpt);
  return item;
}

/**
 * Pagefind's excerpt is escaped text with <mark> around the matches. Units' content reaches the
 * hub's page through it, so it is rebuilt from text nodes and <mark> only, never set as HTML.
 */
function excerptNodes(html) {
  const parsed = new DOMParser().parseFromString(`<p>${html}</p>`, "text/html").body.firstElementChild;
  return [...(parsed?.childNodes ?? [])].map((node) => {
    if (node.nodeName !== "MARK") return document.createTextNode(node.textContent ?? "");
    const mark = document.createElement("mark");
    mark.textContent = node.textContent;
    return mark;
  });
}

/** The address holds the query, so a search can be shared, reloaded and reached with Back. */
function remember(term) {
  const params = new URLSearchParams();
  if (term) params.set("q", term);
  if (typeSelect?.value) params.set("jenis", typeSelect.value);
  if (unitSelect?.value) params.set("unit", unitSelect.value);
  const query = params.toString();
  history.replaceState(null, "", query ? `?${query}` : location.pathname);
  if (everywhere) {
    const target = new URL(root.dataset.everywhere);
    if (term) target.searchParams.set("q", term);
    if (typeSelect?.value) target.searchParams.set("jenis", typeSelect.value);
    everywhere.href = target.href;
  }
  // On the hub, the chosen unit's own search: it holds all the unit's pages, the hub's index only
  // its newest news.
  const chosen = unitSelect?.value;
  if (unitSite && unitSelect) {
    const unit = chosen && chosen !== unitSelect.dataset.hub ? chosen : "";
    unitSite.parentElement.hidden = !unit;
    if (unit) {
      const target = new URL(unitSelect.dataset.unitSearch.replace("{slug}", unit));
      if (term) target.searchParams.set("q", term);
      if (typeSelect?.value) target.searchParams.set("jenis", typeSelect.value);
      unitSite.href = target.href;
      unitSite.textContent = say(unitSite.dataset.label, { unit: optionText(unitSelect) });
    }
  }
}

function fromAddress() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  for (const select of [typeSelect, unitSelect]) {
    const wanted = select && params.get(select.name);
    if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  }
}

let typing;
input.addEventListener("input", () => {
  clearTimeout(typing);
  typing = setTimeout(search, 300);
});
// Start fetching the index while the visitor is still typing.
input.addEventListener("focus", () => void loadPagefind().catch(() => {}), { once: true });
form.addEventListener("change", (event) => {
  if (event.target !== input) void search();
});
form.addEventListener("submit", (event) => {
  event.preventDefault();
  clearTimeout(typing);
  void search();
});
more.addEventListener("click", () => void showMore(generation));

fromAddress();
if (input.value) void search();
else input.focus();
