import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hubListPageLimit, hubListPages, type HubData, type HubItem, type HubUnit } from "./hub-data.ts";

/** Units and their news, as the hub's stage reads them from the manifests (only what the lists use). */
function hubOf(unitCount: number, newsPerUnit: number): HubData {
  const units: HubUnit[] = Array.from({ length: unitCount }, (_, u) => {
    const slug = `unit${String(u + 1).padStart(3, "0")}`;
    return {
      slug,
      name: `Unit ${u + 1}`,
      short_name: `U${u + 1}`,
      url: `https://${slug}.paserkab.go.id/`,
      address: "",
      phone: "",
      email: "",
      state: "active",
    };
  });
  const all: HubItem[] = units
    .flatMap((unit, u) =>
      Array.from({ length: newsPerUnit }, (_, n) => ({
        type: "berita",
        title: `Kabar ${n} dari ${unit.slug}`,
        date: new Date(Date.UTC(2026, 0, 1 + n, u)).toISOString(),
        url: `${unit.url}berita/kabar-${n}/`,
        unit: { slug: unit.slug, short_name: unit.short_name, url: unit.url },
      })),
    )
    .sort((a, b) => b.date.localeCompare(a.date));
  return {
    groups: [{ type: "dinas", label: "Dinas", units }],
    all,
    now: "2026-12-01T00:00:00.000Z",
  } as unknown as HubData;
}

describe("the hub's lists", () => {
  it("keep the same number of pages whatever the number of units, and say where the older items are", () => {
    const few = hubListPages(hubOf(3, 4));
    const many = hubListPages(hubOf(500, 10));
    const news = (pages: typeof few) => pages.filter((p) => p.type === "berita");
    assert.equal(news(few).length, 1);
    assert.equal(news(many).length, hubListPageLimit);
    assert.equal(many.filter((p) => p.type === undefined).length, hubListPageLimit, "every type together too");
    // Every page is a list of every unit: none is a unit's own.
    assert.ok(many.every((p) => !("unit" in p)));
    const last = news(many).at(-1)!;
    assert.equal(last.older, 5000 - hubListPageLimit * 20, "the items the hub leaves to the units' lists");
    assert.ok(
      news(many)
        .slice(0, -1)
        .every((p) => p.older === undefined),
    );
    assert.equal(news(few)[0]!.older, undefined, "nothing left out, nothing said");
    // The newest first: the last kept item is newer than any left out.
    assert.equal(last.items.at(-1)!.date, hubOf(500, 10).all[hubListPageLimit * 20 - 1]!.date);
  });

  it("link each unit, on a list's first page only, to its own list of the type, or its home for every type", () => {
    const pages = hubListPages(hubOf(500, 10));
    const firstNews = pages.find((p) => p.type === "berita" && p.pageNumber === 0)!;
    assert.equal(firstNews.units?.length, 500);
    assert.deepEqual(firstNews.units?.[0], {
      slug: "unit001",
      short_name: "U1",
      href: "https://unit001.paserkab.go.id/berita/",
    });
    const firstOfAll = pages.find((p) => p.type === undefined && p.pageNumber === 0)!;
    assert.equal(firstOfAll.units?.[0]?.href, "https://unit001.paserkab.go.id/");
    assert.ok(pages.filter((p) => p.pageNumber > 0).every((p) => p.units === undefined));
    // A type no unit has items of links no unit, and its list still exists (the menu leads there).
    const announcements = pages.filter((p) => p.type === "pengumuman");
    assert.deepEqual(
      announcements.map((p) => [p.items.length, p.units?.length]),
      [[0, 0]],
    );
  });
});
