import { localDate } from "../core/wita.ts";
import { dateFilters } from "../published/indonesian-dates.ts";
import { needsAttention, type RegencyReport, type UnitReport } from "./unit-report.ts";

/** The state's name in the report, the dashboard and the reminders (theme strings say the same). */
export const stateNames: Record<UnitReport["state"], string> = {
  active: "aktif",
  quiet: "jarang diperbarui",
  dormant: "lama tidak diperbarui",
  none: "belum punya situs",
};

export const kilobytes = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("id-ID")} KB`;

/** The report as a DKISP operator reads it in a terminal: a table, then every gap and its reason. */
export function reportText(report: RegencyReport): string {
  const dates = dateFilters(report.time_zone);
  const day = (iso: string | null) => (iso ? localDate(new Date(iso), report.time_zone) : "—");
  const { quiet_after_days: quiet, dormant_after_days: dormant } = report.thresholds;
  const lines = [
    `Laporan situs perangkat daerah per ${dates.tanggal(report.now)} ${dates.pukul(report.now)}`,
    `(aktif: isi bertanggal terbaru paling lama ${quiet} hari; jarang diperbarui: sampai ${dormant} hari; lama tidak diperbarui: lebih dari ${dormant} hari; batas di portal.json, "activity")`,
    "",
  ];
  const rows = [
    [
      "Unit",
      "Keadaan",
      "Diubah (Git)",
      "Isi terakhir",
      "Isi 12 bln",
      "Lengkap",
      "Berkala lewat",
      "Tautan rusak",
      "Halaman terberat",
    ],
    ...report.units.map((u) => [
      u.slug,
      stateNames[u.state],
      day(u.last_change),
      u.days_since_item === null ? "belum ada" : `${u.days_since_item} hari lalu`,
      String(u.items_12_months),
      u.completeness ? `${u.completeness.score}%` : "—",
      String(u.overdue.length),
      u.broken_links === null ? "—" : String(u.broken_links),
      u.heaviest_page ? `${kilobytes(u.heaviest_page.bytes)} ${new URL(u.heaviest_page.url).pathname}` : "—",
    ]),
  ];
  rows.push([
    `${report.hub.slug} (portal)`,
    "",
    day(report.hub.last_change),
    "",
    "",
    "",
    "",
    report.hub.broken_links === null ? "—" : String(report.hub.broken_links),
    report.hub.heaviest_page
      ? `${kilobytes(report.hub.heaviest_page.bytes)} ${new URL(report.hub.heaviest_page.url).pathname}`
      : "—",
  ]);
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  for (const r of rows)
    lines.push(
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join("  ")
        .trimEnd(),
    );

  const s = report.summary;
  lines.push(
    "",
    `${s.units} unit: ${s.states.active} aktif, ${s.states.quiet} jarang diperbarui, ${s.states.dormant} lama tidak diperbarui, ${s.states.none} belum punya situs; kelengkapan rata-rata ${s.completeness ?? "—"}%; ${s.need_attention} perlu ditindaklanjuti.`,
  );
  if (report.history !== "git")
    lines.push(
      report.history === "shallow"
        ? "Riwayat Git terpotong (clone dangkal): tanggal perubahan terakhir tidak bisa dipercaya; ambil riwayat lengkap (git fetch --unshallow)."
        : "Folder ini bukan repositori Git: tanggal perubahan terakhir tidak diketahui.",
    );
  const future = report.units.filter((u) => u.future_change);
  if (future.length)
    lines.push(
      `Commit bertanggal di masa depan, tidak dihitung sebagai perubahan terakhir (jam komputer salah atau tanggal dipalsukan; periksa dengan git log): ${future.map((u) => `${u.slug} ${day(u.future_change)}`).join(", ")}.`,
    );
  if (!report.built)
    lines.push("Situs belum dibangun (npm run build): tautan rusak dan halaman terberat tidak diperiksa.");

  const attention = report.units.filter(needsAttention);
  if (attention.length) lines.push("", "Perlu ditindaklanjuti:");
  for (const u of attention) {
    const why: string[] = [];
    if (u.state === "quiet" || u.state === "dormant")
      why.push(
        u.days_since_item === null
          ? `${stateNames[u.state]}: belum pernah menerbitkan isi bertanggal`
          : `${stateNames[u.state]}: isi bertanggal terakhir ${u.days_since_item} hari lalu`,
      );
    if (u.completeness?.missing.length) why.push(`kelengkapan ${u.completeness.score}%`);
    lines.push("", `${u.slug} (${u.name}): ${why.join("; ")}`);
    for (const m of u.completeness?.missing ?? [])
      lines.push(`  - ${m.label}: ${m.reason} [${m.basis.map((b) => b.title).join("; ")}]; ${m.fix}`);
    for (const d of u.overdue)
      lines.push(`  - Dokumen berkala belum ditinjau sejak ${d.reviewed} (${d.days} hari): ${d.path}`);
  }
  return `${lines.join("\n")}\n`;
}

/**
 * RFC 4180 CSV, one row per unit, for a spreadsheet. A cell that a spreadsheet would run as a
 * formula (a unit's name written "=HYPERLINK(...)" by someone with that unit's account) is
 * prefixed with an apostrophe, so it stays text.
 */
export function reportCsv(report: RegencyReport): string {
  const months = report.summary.items_per_month.map((m) => m.month);
  const header = [
    "slug",
    "name",
    "type",
    "status",
    "state",
    "last_change",
    "future_change",
    "last_item",
    "days_since_item",
    "items_12_months",
    ...months.map((m) => `items_${m}`),
    "completeness",
    "missing",
    "overdue_berkala",
    "broken_links",
    "heaviest_page",
    "heaviest_page_bytes",
  ];
  const rows = report.units.map((u) => [
    u.slug,
    u.name,
    u.type,
    u.status,
    u.state,
    u.last_change ?? "",
    u.future_change ?? "",
    u.last_item ?? "",
    u.days_since_item ?? "",
    u.items_12_months,
    ...u.items_per_month.map((m) => m.count),
    u.completeness?.score ?? "",
    (u.completeness?.missing ?? []).map((m) => `${m.label} (${m.basis.map((b) => b.title).join("; ")})`).join(" | "),
    u.overdue.length,
    u.broken_links ?? "",
    u.heaviest_page?.url ?? "",
    u.heaviest_page?.bytes ?? "",
  ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

function csvCell(value: string | number): string {
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
