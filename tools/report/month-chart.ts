/**
 * A bar chart of items per month as plain SVG, written at build time: it reads without
 * JavaScript, and a unit's 12 bars weigh about 0.6 KB. Twelve bars on one shared scale need no
 * chart library (@observablehq/plot's output for the same chart is four times larger, with a DOM
 * shim at build time); what the chart says is also given in words (`aria-label` and `<title>`),
 * and the numbers stand in the table beside it.
 */
export interface MonthCount {
  month: string;
  count: number;
}

const monthNames = ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"];
const monthLong = [
  "Januari",
  "Februari",
  "Maret",
  "April",
  "Mei",
  "Juni",
  "Juli",
  "Agustus",
  "September",
  "Oktober",
  "November",
  "Desember",
];

const monthOf = (m: string) => Number(m.slice(5, 7)) - 1;
const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");

/** "Januari 2026" */
export const monthLabel = (m: string) => `${monthLong[monthOf(m)]} ${m.slice(0, 4)}`;

/** In words, for screen readers: "Isi per bulan, Januari 2026 sampai Desember 2026: 0, 0, 5, ...". */
export function chartDescription(months: readonly MonthCount[]): string {
  if (months.length === 0) return "Belum ada data";
  return `Isi per bulan, ${monthLabel(months[0]!.month)} sampai ${monthLabel(months.at(-1)!.month)}: ${months.map((m) => m.count).join(", ")}`;
}

/**
 * `max`: the count at full height, shared by every chart of a table so that bars compare across
 * units. `labels`: month initials under the bars (the regency's larger chart).
 */
export function monthChart(
  months: readonly MonthCount[],
  options: { max?: number; width?: number; height?: number; labels?: boolean } = {},
): string {
  const width = options.width ?? 96;
  const barsHeight = options.height ?? 24;
  const labelHeight = options.labels ? 12 : 0;
  const max = Math.max(1, options.max ?? Math.max(0, ...months.map((m) => m.count)));
  const step = width / Math.max(1, months.length);
  const gap = Math.max(1, Math.round(step / 5));
  const description = escapeXml(chartDescription(months));
  const bars = months
    .map((m, i) => {
      // A month with items shows at least a sliver; a month without shows a baseline tick.
      const h = m.count === 0 ? 1 : Math.max(2, Math.round((Math.min(m.count, max) / max) * barsHeight));
      const x = Math.round(i * step);
      const cls = m.count === 0 ? ' class="zero"' : "";
      const label = options.labels
        ? `<text x="${x + (step - gap) / 2}" y="${barsHeight + labelHeight - 2}">${monthNames[monthOf(m.month)]![0]}</text>`
        : "";
      return `<rect${cls} x="${x}" y="${barsHeight - h}" width="${Math.max(1, Math.round(step - gap))}" height="${h}"/>${label}`;
    })
    .join("");
  return `<svg class="month-chart" role="img" aria-label="${description}" viewBox="0 0 ${width} ${barsHeight + labelHeight}" width="${width}" height="${barsHeight + labelHeight}"><title>${description}</title>${bars}</svg>`;
}
