import { readFileSync } from "node:fs";

/**
 * The quick bench's guard (`npm run bench -- --quick`, run by the pull-request workflow): each
 * ratio of the build against its anchors, with the target, the value recorded when the
 * guard was last calibrated, and the noise measured then (the spread of the ratio over repeated
 * quick runs on one machine). A ratio fails when it is above both its target and its recorded
 * value by more than the noise: a change that makes the build slower against plain Eleventy
 * fails, while a target not met yet does not fail every pull request until it is.
 */
export interface RatioGuard {
  /** Where and how the recorded values were measured (the command and the machine). */
  measured: string;
  ratios: Record<string, { target: number; recorded: number; noise: number; what: string }>;
}

export function readRatioGuard(file: string): RatioGuard {
  const guard = JSON.parse(readFileSync(file, "utf8")) as RatioGuard;
  for (const [name, r] of Object.entries(guard.ratios))
    for (const key of ["target", "recorded", "noise"] as const)
      if (typeof r[key] !== "number" || !(r[key] >= 0))
        throw new Error(`${file}: ratios.${name}.${key} must be a number of at least 0`);
  return guard;
}

/** The limit a ratio must stay under: the worse of its target and its recorded value, plus the noise. */
export const limitOf = (r: RatioGuard["ratios"][string]): number => Math.max(r.target, r.recorded) + r.noise;

/** One line per ratio, and whether each is within its limit. */
export function judgeRatios(
  guard: RatioGuard,
  measured: Record<string, number>,
): { lines: string[]; failed: string[] } {
  const lines: string[] = [];
  const failed: string[] = [];
  for (const [name, r] of Object.entries(guard.ratios)) {
    const value = measured[name];
    if (value === undefined) {
      failed.push(name);
      lines.push(`✘ ${name}: not measured`);
      continue;
    }
    const limit = limitOf(r);
    const ok = value <= limit;
    if (!ok) failed.push(name);
    lines.push(
      `${ok ? "✔" : "✘"} ${name} (${r.what}): ${value.toFixed(2)}× — limit ${limit.toFixed(2)}× (target ${r.target}×, recorded ${r.recorded}× ± ${r.noise})`,
    );
  }
  return { lines, failed };
}
