import { relative } from "node:path";

/** What Node's test runner reports of a finished test (`test:pass` and `test:fail` events). */
export interface FinishedTest {
  name: string;
  nesting: number;
  file?: string | undefined;
  details?: { duration_ms?: number; type?: string } | undefined;
}

/**
 * The slowest ten tests and the slowest ten files of a run, printed after it, so what makes the
 * suite slow is read off every run, CI's included (docs/benchmarks.md quotes one). A file's time is
 * the sum of its top-level suites and tests, their `before` hooks included (a browser suite starts
 * its servers there); the process start and imports are not in it.
 */
export function slowestTests(root: string) {
  const tests: { name: string; file: string; ms: number }[] = [];
  const files = new Map<string, number>();
  return {
    record({ name, nesting, file, details }: FinishedTest): void {
      const ms = details?.duration_ms ?? 0;
      const where = file ? relative(root, file) : "(no file)";
      if (details?.type !== "suite") tests.push({ name, file: where, ms });
      if (nesting === 0) files.set(where, (files.get(where) ?? 0) + ms);
    },
    summary(): string {
      const seconds = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
      return [
        "Slowest tests:",
        ...[...tests]
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 10)
          .map((t) => `${seconds(t.ms)}  ${t.file}: ${t.name}`),
        "Slowest files (top-level suites and tests, hooks included):",
        ...[...files]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 10)
          .map(([file, ms]) => `${seconds(ms)}  ${file}`),
      ].join("\n");
    },
  };
}
