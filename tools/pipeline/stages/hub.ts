import type { PortalConfig, SiteRecord } from "../../core/records.ts";
import { hubCatalogue, listedTypes, type HubData, type HubItem } from "../../generator/hub-data.ts";
import type { ServiceCatalogue } from "../../content/service-catalogue.ts";
import { type PublishedUnit, readPublishedUnit } from "../../published/hub-facts.ts";
import { siteUrl, successorOf, type Base } from "../../published/site-origin.ts";
import type { ContentType } from "../../schema/content-type.ts";
import { schemas } from "../../schema/schemas.ts";
import type { RegencyReport } from "../../report/unit-report.ts";
import { retiredUnitUrl, siteUrls } from "../../published/permalinks.ts";
import { recordsIndexFolders } from "./records-index.ts";
import type { BuildContext } from "../build-context.ts";
import { dateFilters } from "../../published/indonesian-dates.ts";
import { inFolderOrder } from "../../content/site-files.ts";
import { startOfPreviousWeek } from "../../core/wita.ts";
import {
  type HubSearchRecordSets,
  type HubSearchUnit,
  hubSearchRecords,
  hubSearchShare,
  hubSearchUnitCount,
} from "./hub-search-records.ts";

/**
 * Stage 5, hub: what the hub shows of the units, read from what their builds published (their
 * manifests, in the facts files beside them: publishedUnits), never from their Markdown. The hub
 * then goes through render, index and publish like any batch.
 */
export function hubData(
  build: BuildContext,
  report: RegencyReport,
  published: ReadonlyMap<string, PublishedUnit>,
  {
    retired = [],
    records,
  }: {
    retired?: SiteRecord[];
    /** The search records of `published`, when they were made already (unitSearchRecords). */
    records?: HubSearchRecordSets;
  } = {},
): HubData & { searchRecords: HubSearchRecordSets } {
  const labels = build.ui.unitTypes;
  return readHubData({
    report,
    retired,
    published,
    ...(records ? { searchRecords: records } : {}),
    portal: build.portal,
    registry: build.registry,
    base: build.base,
    now: build.now,
    labels,
    catalogue: build.catalogue,
  });
}

/**
 * What every built unit published, as the hub reads it (published/hub-facts.ts): from `distDir`
 * (a preview of the hub's draft: where the built sites are), or for a unit this build rendered and
 * is still publishing, what it will publish (`staged`). Units without a site have none.
 */
export function publishedUnits(
  distDir: string,
  registry: readonly SiteRecord[],
  hub: string,
  staged: ReadonlyMap<string, PublishedUnit> = new Map(),
): Map<string, PublishedUnit> {
  const published = new Map<string, PublishedUnit>();
  for (const site of registry) {
    if (site.slug === hub || site.status !== "active") continue;
    const unit = staged.get(site.slug) ?? readPublishedUnit(distDir, site.slug);
    if (unit) published.set(site.slug, unit);
  }
  return published;
}

/**
 * The hub's search records of some units (hub-search-records.ts), as hubData makes them once every
 * unit has rendered: a build of many batches gives Pagefind each batch's while the next renders
 * (build-sites.ts), and the hub's index keeps them when hubData's are the same. Its batches are in
 * the order of the units' folders, as hubData's records.
 */
export function unitSearchRecords(
  build: Pick<BuildContext, "portal" | "registry" | "catalogue" | "now">,
  sites: readonly SiteRecord[],
  published: ReadonlyMap<string, PublishedUnit>,
): HubSearchRecordSets {
  return searchRecordsOf(
    sites.flatMap((site) => {
      const manifest = site.status === "active" ? published.get(site.slug)?.manifest : undefined;
      return manifest ? [{ unit: site.name, items: manifest.items }] : [];
    }),
    build,
  );
}

function searchRecordsOf(
  units: readonly HubSearchUnit[],
  {
    portal,
    registry,
    catalogue,
    now,
  }: { portal: PortalConfig; registry: readonly SiteRecord[]; catalogue: ServiceCatalogue; now: Date },
): HubSearchRecordSets {
  return hubSearchRecords(
    units,
    catalogue.synonyms,
    dateFilters(portal.time_zone).tanggal,
    hubSearchShare(hubSearchUnitCount(registry, portal.hub)),
    startOfPreviousWeek(now, portal.time_zone),
  );
}

/** Types of the units' manifests: what counts as activity (`x-activity`) and feeds (`x-feed`). */
const typesWhere = (test: (t: ContentType) => boolean) =>
  new Set(
    schemas()
      .types.filter(test)
      .map((t) => t.name),
  );

export function readHubData(args: {
  /** The units' states and scores: the report is the one judge of them (tools/report/). */
  report: RegencyReport;
  /** Retired units: the hub writes a page about each, where their subdomains redirect. */
  retired: SiteRecord[];
  /** What each built unit published (publishedUnits). */
  published: ReadonlyMap<string, PublishedUnit>;
  portal: PortalConfig;
  registry: SiteRecord[];
  base: Base;
  now: Date;
  labels: Record<string, string>;
  /** The hub's katalog.json: the topics that group the units' services. */
  catalogue: ServiceCatalogue;
  /** The search records of `published`, made already (unitSearchRecords): the same as made here. */
  searchRecords?: HubSearchRecordSets;
}): HubData & { searchRecords: HubSearchRecordSets } {
  const { portal, registry, base, now } = args;
  const activity = typesWhere((t) => t.activity);
  const feeds = typesWhere((t) => t.feed);
  const listed = listedTypes();
  const states = new Map(args.report.units.map((u) => [u.slug, u.state]));
  const groups: HubData["groups"] = [];
  const items: HubItem[] = [];
  const counts = { units: 0, active: 0, quiet: 0, dormant: 0, withoutSite: 0 };
  const searchUnits: HubData["searchUnits"] = [];
  const searched: (HubSearchUnit & { slug: string })[] = [];

  for (const site of registry.filter((s) => s.slug !== portal.hub)) {
    const manifest = site.status === "active" ? args.published.get(site.slug)?.manifest : undefined;
    const url = siteUrl(base, portal, site.slug);
    const dated = (manifest?.items ?? []).filter((i) => i.date && activity.has(i.type)).map((i) => i.date!);
    const latest = dated.sort().at(-1);
    // Built or not decides "no site"; how alive a built one is, the report.
    const reported = states.get(site.slug) ?? "none";
    const state = !manifest ? "none" : reported === "none" ? "dormant" : reported;
    counts.units++;
    counts[state === "none" ? "withoutSite" : state]++;
    let group = groups.find((g) => g.type === site.type);
    if (!group) groups.push((group = { type: site.type, label: args.labels[site.type] ?? site.type, units: [] }));
    group.units.push({
      slug: site.slug,
      name: site.name,
      short_name: site.short_name,
      url,
      address: site.address,
      phone: site.phone,
      email: site.email,
      state,
      ...(latest ? { latest } : {}),
      ...(manifest?.site.icon ? { icon: manifest.site.icon } : {}),
    });
    // The search page's unit filter offers the units with something to find.
    if (manifest?.items.length) searchUnits.push({ slug: site.slug, name: site.name });
    for (const item of manifest?.items ?? [])
      items.push({ ...item, unit: { slug: site.slug, short_name: site.short_name, url } });
    if (manifest) searched.push({ slug: site.slug, unit: site.name, items: manifest.items });
  }

  const today = now.toISOString();
  // Apart from what the templates see: only the search index reads them.
  // By folder name, as a build of many batches gives them to Pagefind (unitSearchRecords).
  const searchRecords =
    args.searchRecords ??
    searchRecordsOf(
      searched.sort((a, b) => inFolderOrder(a.slug, b.slug)),
      args,
    );
  // An announcement's `end` is the start of its last valid day (WITA); it is current through that day.
  const current = (i: HubItem) => !i.end || Date.parse(i.end) + 86_400_000 > now.getTime();
  // The manifests' dates are ISO instants of one format (toISOString): their text sorts as their
  // time does, code unit by code unit as folder names do, without localeCompare's collation (20 ms
  // of the hub's build for a region's 4,000).
  const byDate = (a: HubItem, b: HubItem) => inFolderOrder(String(a.date), String(b.date));
  const byDateDesc = (a: HubItem, b: HubItem) => byDate(b, a);
  return {
    groups,
    news: items
      .filter((i) => i.type === "berita")
      .sort(byDateDesc)
      .slice(0, 8),
    feed: items
      .filter((i) => feeds.has(i.type))
      .sort(byDateDesc)
      .slice(0, 30),
    // What has happened, newest first, then what is still to come, soonest first: an agenda item
    // two months ahead is not the latest news (the agenda's own list puts it first: hub-data.ts).
    all: [
      ...items.filter((i) => listed.includes(i.type) && !(String(i.date) > today)).sort(byDateDesc),
      ...items.filter((i) => listed.includes(i.type) && String(i.date) > today).sort(byDate),
    ],
    now: today,
    documents: items
      .filter((i) => i.type === "dokumen")
      .sort(
        (a, b) =>
          Number(b.extra?.year) - Number(a.extra?.year) ||
          a.unit.short_name.localeCompare(b.unit.short_name, "id") ||
          a.title.localeCompare(b.title, "id"),
      ),
    years: [...new Set(items.filter((i) => i.type === "dokumen").map((i) => Number(i.extra?.year)))].sort(
      (a, b) => b - a,
    ),
    announcements: items
      .filter((i) => i.type === "pengumuman" && current(i))
      .sort(byDateDesc)
      .slice(0, 5),
    events: items
      .filter((i) => i.type === "agenda" && String(i.end ?? i.date) >= today)
      .sort(byDate)
      .slice(0, 5),
    counts,
    report: args.report,
    retired: args.retired.map((s) => {
      const successor = successorOf(registry, s, base, portal);
      return {
        slug: s.slug,
        name: s.name,
        short_name: s.short_name,
        url: retiredUnitUrl(s.slug),
        ...(s.retired_on ? { retired_on: s.retired_on } : {}),
        ...(successor ? { successor } : {}),
      };
    }),
    searchUnits: searchUnits.sort((a, b) => a.name.localeCompare(b.name, "id")),
    searchRecords,
    unitsIndexes: recordsIndexFolders(searchRecords.older).map((part) => `${siteUrls.unitsSearchIndex}${part}/`),
    catalogue: hubCatalogue(items, args.catalogue),
  };
}
