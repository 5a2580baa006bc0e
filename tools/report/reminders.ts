import { oneLine } from "../core/reader-text.ts";
import type { PortalConfig } from "../core/records.ts";
import { localDate } from "../core/wita.ts";
import { ownersOf } from "../gateway/access.ts";
import { hubStatusUrl } from "../published/hub-addresses.ts";
import { stateNames } from "./report-formats.ts";
import { needsAttention, type RegencyReport, type UnitReport } from "./unit-report.ts";

/**
 * The monthly reminders (.github/workflows/reminders.yml): one issue per unit that has gone quiet
 * or dormant or misses a required item, addressed to the unit's team, and one summary for DKISP.
 * This module only plans; the workflow applies the plan with `gh`. Issues are recognised by a
 * marker in their body, never by title (a unit may be renamed), and only among issues carrying
 * `reminderLabel`, so nobody's other issues are touched.
 */
export const reminderLabel = "pengingat-portal";

export interface OpenIssue {
  number: number;
  title: string;
  body: string;
}

export type ReminderAction =
  | { action: "open"; key: string; title: string; body: string }
  | { action: "update"; key: string; number: number; title: string; body: string }
  | { action: "close"; key: string; number: number; comment: string };

const marker = (key: string) => `<!-- portal-reminder: ${key} -->`;
const keyOf = (body: string) => /<!-- portal-reminder: ([a-z0-9:-]+) -->/.exec(body)?.[1];
export const summaryKey = "ringkasan";
export const unitKey = (slug: string) => `unit:${slug}`;

export function reminderPlan(
  report: RegencyReport,
  portal: PortalConfig,
  open: readonly OpenIssue[],
): ReminderAction[] {
  const owners = ownersOf(portal);
  const dashboard = `https://${portal.domain}${hubStatusUrl}`;
  const byKey = new Map<string, OpenIssue>();
  for (const issue of open) {
    const key = keyOf(issue.body);
    // The oldest of two issues with one marker is kept (gh lists newest first).
    if (key) byKey.set(key, issue);
  }
  const wanted = new Map<string, { title: string; body: string }>();
  for (const u of report.units.filter(needsAttention))
    wanted.set(unitKey(u.slug), {
      title: `Pengingat situs ${u.short_name}: ${reasonsOf(u).join(", ")}`,
      body: unitIssueBody(u, report, owners.unitTeam(u.slug), dashboard),
    });
  wanted.set(summaryKey, {
    title: `Ringkasan situs perangkat daerah ${localDate(new Date(report.now), report.time_zone).slice(0, 7)}`,
    body: summaryIssueBody(report, owners.dkispTeam, owners.unitTeam, dashboard),
  });

  const plan: ReminderAction[] = [];
  for (const [key, issue] of wanted) {
    const existing = byKey.get(key);
    if (!existing) plan.push({ action: "open", key, ...issue });
    else if (existing.body.trim() !== issue.body.trim() || existing.title !== issue.title)
      plan.push({ action: "update", key, number: existing.number, ...issue });
  }
  const inReport = new Set(report.units.map((u) => unitKey(u.slug)));
  for (const [key, issue] of byKey)
    if (!wanted.has(key))
      plan.push({
        action: "close",
        key,
        number: issue.number,
        // A unit retired (or removed) since: nothing is owed any more, and nobody is thanked for it.
        comment: inReport.has(key)
          ? `Terima kasih: per ${dateOf(report)} situs ini aktif dan memuat semua yang diwajibkan. Issue ini ditutup otomatis.`
          : `Per ${dateOf(report)} unit ini tidak lagi memiliki situs di portal (pensiun atau dihapus dari daftar). Issue ini ditutup otomatis.`,
      });
  return plan;
}

const dateOf = (report: RegencyReport) => {
  const [y, m, d] = localDate(new Date(report.now), report.time_zone).split("-");
  return `${d}-${m}-${y}`;
};

function reasonsOf(u: UnitReport): string[] {
  const reasons: string[] = [];
  if (u.state === "quiet" || u.state === "dormant") reasons.push(stateNames[u.state]);
  const missing = u.completeness?.missing.length ?? 0;
  if (missing) reasons.push(`${missing} isi wajib belum ada`);
  return reasons;
}

/**
 * Text from content (a unit's name, a document's title) on one line, with every ASCII mark that
 * GitHub's Markdown reads escaped: it cannot start a paragraph, a rule or a heading, mention a
 * team, or become a link (an escaped ":" or "." is no autolink's "https://" or "www.").
 */
const plain = (text: string) => oneLine(text).replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`);

export function unitIssueBody(u: UnitReport, report: RegencyReport, team: string, dashboard: string): string {
  const lines = [
    marker(unitKey(u.slug)),
    `Untuk tim ${team} (${plain(u.name)}).`,
    "",
    `Keadaan situs per ${dateOf(report)}: **${stateNames[u.state]}**.`,
  ];
  if (u.state === "quiet" || u.state === "dormant")
    lines.push(
      u.days_since_item === null
        ? "Situs ini belum pernah menerbitkan isi bertanggal (berita, pengumuman, agenda, dokumen, galeri atau hasil survei)."
        : `Isi bertanggal terakhir terbit ${u.days_since_item} hari yang lalu. Informasi berkala wajib diumumkan paling lambat setiap 6 bulan (UU 14/2008 Pasal 9).`,
    );
  if (u.completeness?.missing.length) {
    lines.push("", `Kelengkapan ${u.completeness.score}%. Yang masih wajib diterbitkan:`, "");
    for (const m of u.completeness.missing)
      lines.push(`- [ ] **${m.label}**: ${m.reason}. ${m.fix}. _Dasar: ${m.basis.map((b) => b.title).join("; ")}._`);
  }
  if (u.overdue.length) {
    lines.push(
      "",
      "Dokumen berkala yang belum ditinjau lebih dari 6 bulan (perbarui isinya dan kolom `reviewed_at`):",
      "",
    );
    for (const d of u.overdue) lines.push(`- ${plain(d.title)} (\`${d.path}\`), terakhir ditinjau ${d.reviewed}`);
  }
  lines.push(
    "",
    `Lihat semua unit di ${dashboard}. Issue ini diperbarui setiap bulan dan ditutup otomatis saat situs aktif kembali dan semua yang wajib sudah ada.`,
  );
  return `${lines.join("\n")}\n`;
}

export function summaryIssueBody(
  report: RegencyReport,
  dkispTeam: string,
  unitTeam: (slug: string) => string,
  dashboard: string,
): string {
  const s = report.summary;
  const attention = report.units.filter(needsAttention);
  const lines = [
    marker(summaryKey),
    `Untuk ${dkispTeam}: keadaan situs perangkat daerah per ${dateOf(report)}.`,
    "",
    `${s.units} unit: ${s.states.active} aktif, ${s.states.quiet} jarang diperbarui, ${s.states.dormant} lama tidak diperbarui, ${s.states.none} belum punya situs. Kelengkapan rata-rata ${s.completeness ?? "—"}%. ${attention.length} unit perlu ditindaklanjuti.`,
  ];
  if (attention.length) {
    lines.push("", "| Unit | Tim | Keadaan | Isi terakhir | Kelengkapan |", "| --- | --- | --- | --- | --- |");
    for (const u of attention)
      lines.push(
        `| ${plain(u.short_name)} | \`${unitTeam(u.slug)}\` | ${stateNames[u.state]} | ${u.days_since_item === null ? "belum ada" : `${u.days_since_item} hari lalu`} | ${u.completeness ? `${u.completeness.score}%` : "—"} |`,
      );
  }
  const none = report.units.filter((u) => u.state === "none");
  if (none.length)
    lines.push("", `Belum punya situs: ${none.map((u) => plain(u.short_name)).join(", ")} (npm run new-site).`);
  lines.push("", `Dasbor: ${dashboard}. Data lengkap: \`npm run report\`.`);
  return `${lines.join("\n")}\n`;
}
