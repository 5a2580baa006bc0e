import { monthChart, type MonthCount } from "../../report/month-chart.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Items per month as an SVG bar chart, on a scale shared by the charts of one table.
 */
export default defineFilter(
  () => (months: MonthCount[], max?: number, labels?: boolean) =>
    monthChart(months, { ...(max ? { max } : {}), ...(labels ? { labels: true, width: 240, height: 48 } : {}) }),
  {
    example: {
      template: '{{ [{ month: "2025-07", count: 1 }, { month: "2025-08", count: 3 }] | monthChart | safe }}',
      output: /^<svg class="month-chart" role="img" aria-label="Isi per bulan, Juli 2025 sampai Agustus 2025: 1, 3"/,
    },
  },
);
