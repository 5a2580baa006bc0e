import { monthChart, type MonthCount } from "../../report/month-chart.ts";
import { defineFilter } from "./define-filter.ts";

/**
 * Items per month as an SVG bar chart, on a scale shared by the charts of one table.
 * @example {{ unit.items_per_month | monthChart(scaleMax) | safe }}
 */
export default defineFilter(
  "monthChart",
  () => (months: MonthCount[], max?: number, labels?: boolean) =>
    monthChart(months, { ...(max ? { max } : {}), ...(labels ? { labels: true, width: 240, height: 48 } : {}) }),
);
