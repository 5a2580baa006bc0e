import { cliRefusal } from "../problems/cli-refusals.ts";
import { readFile } from "node:fs/promises";
import type { PortalConfig } from "../core/records.ts";
import type { Workspace } from "../core/workspace.ts";
import { formatProblem } from "../problems/problem.ts";
import { readPortal } from "../content/validate-workspace.ts";
import { reportCsv, reportText } from "../report/report-formats.ts";
import { readBuiltFigures } from "../report/built-figures.ts";
import { type OpenIssue, reminderPlan } from "../report/reminders.ts";
import { regencyReport } from "../report/unit-report.ts";

/** portal.json and the instant to report on (`--now`), or the exit code after saying what is wrong. */
async function portalAndNow(
  ws: Workspace,
  nowFlag: string | undefined,
): Promise<{ portal: PortalConfig; now: Date } | number> {
  const { portal, problems } = await readPortal(ws);
  if (!portal) {
    for (const p of problems) console.error(formatProblem(p));
    return 1;
  }
  const now = nowFlag === undefined ? new Date() : new Date(nowFlag);
  if (Number.isNaN(now.getTime())) {
    console.error(cliRefusal("instant-malformed", { value: String(nowFlag) }));
    return 2;
  }
  return { portal, now };
}

/**
 * `portal report [--json | --csv] [--now <instant>]`: every unit's activity and completeness
 * (tools/report/). A report, not a check: it exits 0 whatever the units owe, and 1 only when it
 * cannot be made (portal.json or the rules are broken).
 */
export async function runReport(
  ws: Workspace,
  options: { json: boolean; csv: boolean; now?: string },
): Promise<number> {
  if (options.json && options.csv) {
    console.error(cliRefusal("json-or-csv", {}));
    return 2;
  }
  const read = await portalAndNow(ws, options.now);
  if (typeof read === "number") return read;
  const { portal, now } = read;
  let report: Awaited<ReturnType<typeof regencyReport>>;
  try {
    report = await regencyReport(ws, portal, { now, built: readBuiltFigures(ws, portal) });
  } catch (error) {
    console.error(`No report: ${(error as Error).message}`);
    return 1;
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else if (options.csv) process.stdout.write(reportCsv(report));
  else process.stdout.write(reportText(report));
  return 0;
}

/**
 * `portal reminders [--open-issues <file>] [--now <instant>]`: the monthly reminders' plan as JSON
 * (tools/report/reminders.ts), from the report and the reminder issues open now (`gh issue list
 * --json number,title,body`); .github/workflows/reminders.yml applies it.
 */
export async function runReminders(ws: Workspace, options: { openIssues?: string; now?: string }): Promise<number> {
  const read = await portalAndNow(ws, options.now);
  if (typeof read === "number") return read;
  const { portal, now } = read;
  let open: OpenIssue[] = [];
  if (options.openIssues) {
    try {
      open = JSON.parse(await readFile(options.openIssues, "utf8")) as OpenIssue[];
      if (!Array.isArray(open) || open.some((i) => typeof i?.number !== "number" || typeof i.body !== "string"))
        throw new Error("expected a list of {number, title, body} (gh issue list --json number,title,body)");
    } catch (error) {
      console.error(`--open-issues ${options.openIssues}: ${(error as Error).message}`);
      return 1;
    }
  }
  try {
    const report = await regencyReport(ws, portal, { now });
    const plan = reminderPlan(report, portal, open);
    process.stdout.write(`${JSON.stringify(plan)}\n`);
    const count = (a: string) => plan.filter((p) => p.action === a).length;
    console.error(`Reminders: ${count("open")} to open, ${count("update")} to update, ${count("close")} to close.`);
    return 0;
  } catch (error) {
    console.error(`No reminders: ${(error as Error).message}`);
    return 1;
  }
}
