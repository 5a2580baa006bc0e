import type { ManifestItem } from "../published/manifest-format.ts";
import type { CatalogueTopic, ServiceCatalogue } from "../content/service-catalogue.ts";
import type { ActivityState } from "../content/activity-state.ts";
import type { RegencyReport } from "../report/unit-report.ts";
import { byRank } from "../schema/content-type.ts";
import { schemas } from "../schema/schemas.ts";
import { hubListUrl } from "../published/hub-addresses.ts";
import { listUrl } from "../published/permalinks.ts";

/**
 * What the hub shows about the units, read from their published `manifest.json` files, never from
 * their Markdown: at scale the hub could fetch the same files from the deployed subdomains.
 */
export interface HubData {
  groups: { type: string; label: string; units: HubUnit[] }[];
  news: HubItem[];
  announcements: HubItem[];
  /** News and announcements of every unit, newest first: the hub's feeds. */
  feed: HubItem[];
  /** Every unit's news, announcements and agenda: what has happened newest first, then what is to come soonest first. */
  all: HubItem[];
  /** The build's moment (ISO instant): what is "to come". */
  now: string;
  /** Every unit's public documents: the combined Daftar Informasi Publik. */
  documents: HubItem[];
  years: number[];
  events: HubItem[];
  counts: { units: number; active: number; quiet: number; dormant: number; withoutSite: number };
  /** Retired units: a page about each at `/arsip/<slug>/`, where their subdomains redirect. */
  retired: {
    slug: string;
    name: string;
    short_name: string;
    /** The hub's page about it (`retiredUnitUrl`). */
    url: string;
    retired_on?: string;
    successor?: { name: string; url: string };
  }[];
  /** `npm run report`'s figures, for the status dashboard (`/status/`). */
  report: RegencyReport;
  /** The units with something to find: the hub's search page filters by them. */
  searchUnits: { slug: string; name: string }[];
  /**
   * The indexes of the units' records (`/pagefind/units/<part>/`, records-index.ts), which the
   * hub's search merges; none when no unit has a record.
   */
  unitsIndexes: string[];
  /** Every unit's services by the hub's topics (`/layanan/`), with the home's services and numbers. */
  catalogue: HubCatalogue;
}

export interface HubCatalogue {
  /** Every unit's `layanan` items, by title. */
  services: HubItem[];
  /** Each topic of katalog.json with its services; a topic no service names yet is kept (its page says so). */
  topics: (CatalogueTopic & { services: HubItem[] })[];
  /** The home's large buttons, in katalog.json's order (those whose unit published them). */
  top: HubItem[];
  numbers: ServiceCatalogue["numbers"];
  synonyms: string[][];
  fillerWords: string[];
}

/** A service's topics and aliases, as its manifest carries them (`x-manifest-fields`). */
export const listOf = (item: ManifestItem, field: string): string[] => {
  const value = item.extra?.[field];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
};

/** Builds the hub's catalogue from the units' services (HubItems of type `layanan`). */
export function hubCatalogue(items: HubItem[], catalogue: ServiceCatalogue): HubCatalogue {
  const services = items
    .filter((i) => i.type === "layanan")
    .sort((a, b) => a.title.localeCompare(b.title, "id") || a.url.localeCompare(b.url));
  const pathOf = (url: string) => {
    try {
      return new URL(url).pathname;
    } catch {
      return url;
    }
  };
  const top = catalogue.top_services.flatMap((ref) => {
    const [unit, name] = ref.split("/");
    const found = services.find((s) => s.unit.slug === unit && pathOf(s.url) === `/layanan/${name}/`);
    return found ? [found] : [];
  });
  // In a topic, the services DKISP puts on the home come first, then the rest by title.
  const rank = (s: HubItem) => (top.includes(s) ? top.indexOf(s) : top.length);
  return {
    services,
    topics: catalogue.topics.map((t) => ({
      ...t,
      services: services.filter((s) => listOf(s, "topics").includes(t.slug)).sort((a, b) => rank(a) - rank(b)),
    })),
    top,
    numbers: catalogue.numbers,
    synonyms: catalogue.synonyms,
    fillerWords: catalogue.filler_words,
  };
}

export interface HubUnit {
  slug: string;
  name: string;
  short_name: string;
  url: string;
  address: string;
  phone: string;
  email: string;
  /** From the report (tools/content/activity-state.ts); none: no site built. */
  state: ActivityState;
  latest?: string;
  /** A 96px logo from the unit's manifest, on the unit's own origin. */
  icon?: string;
}

export interface HubItem extends ManifestItem {
  unit: { slug: string; short_name: string; url: string };
}

/** The content types the hub lists together (`x-hub-lists`), in their listed order. */
export const listedTypes = (): string[] =>
  schemas()
    .types.filter((t) => t.hubLists)
    .sort(byRank)
    .map((t) => t.name);

/** A unit the first page of a type's list links to: the unit's own list of that type (its home for every type). */
export interface HubListUnit {
  slug: string;
  short_name: string;
  href: string;
}

/** One page of the hub's lists: a type filter (or every type), paginated. */
export interface HubListPage {
  type?: string;
  items: HubItem[];
  pageNumber: number;
  hrefs: string[];
  /** The types the type filter links to: every listed type (the list of one no unit has yet says so). */
  types: string[];
  /**
   * The units the unit filter links to, on the first page of each list only: the other pages
   * link there instead, so a page's weight does not grow with the number of units.
   */
  units?: HubListUnit[];
  /** On a list's last page, when older items were left to the units' own lists: how many. */
  older?: number;
}

/** How many pages of 20 a list of the hub keeps: the newest 200 items of each type, and of all. */
export const hubListPageLimit = 10;

/**
 * A page for each type's list and for every type together, of the newest items of every unit
 * (`hubListPageLimit` pages at most). A unit's whole history is its own site's: the unit filter
 * leads to the unit's list of that type, on its subdomain. So the hub's lists are the same
 * number of pages whatever the number of units (issue 27: with a page per unit per type, 1,500 of
 * the hub's 1,525 pages at 500 units, every one rendered again on any unit's edit). A type with no
 * item yet still has its list, which says so: the menu and the home link to it.
 */
export function hubListPages(hub: HubData, pageSize = 20): HubListPage[] {
  const units = hub.groups.flatMap((g) => g.units).filter((u) => u.state !== "none");
  const types = listedTypes();
  const pages: HubListPage[] = [];
  // hub.all holds the listed types only (stages/hub.ts).
  for (const type of [undefined, ...types]) {
    const matching = type ? hub.all.filter((i) => i.type === type) : hub.all;
    const present = new Set(matching.map((i) => i.unit.slug));
    // The agenda's own list: what is to come first (soonest first), then past events.
    const items =
      type === "agenda"
        ? [...matching.filter((i) => String(i.date) > hub.now), ...matching.filter((i) => !(String(i.date) > hub.now))]
        : matching;
    const kept = items.slice(0, hubListPageLimit * pageSize);
    const count = Math.max(1, Math.ceil(kept.length / pageSize));
    const hrefs = Array.from({ length: count }, (_, n) => hubListUrl(type, n));
    for (let n = 0; n < count; n++) {
      pages.push({
        ...(type ? { type } : {}),
        items: kept.slice(n * pageSize, (n + 1) * pageSize),
        pageNumber: n,
        hrefs,
        types,
        ...(n === 0
          ? {
              units: unitLinks(
                units.filter((u) => present.has(u.slug)),
                type,
              ),
            }
          : {}),
        ...(n === count - 1 && items.length > kept.length ? { older: items.length - kept.length } : {}),
      });
    }
  }
  return pages;
}

/** Each unit's own list of `type` (it has one: it has items of that type), or its home for every type. */
function unitLinks(units: readonly HubUnit[], type: string | undefined): HubListUnit[] {
  return units.map((u) => ({
    slug: u.slug,
    short_name: u.short_name,
    href: type ? new URL(listUrl(type).slice(1), u.url).href : u.url,
  }));
}
