import { parseArgs } from "node:util";
import { installAdvice, shortfall } from "./system-packages.ts";

/**
 * `npm test` starts here: it names every system package the tests need and this machine lacks, in
 * one line with the command that installs them, and stops before anything runs (a suite that fails
 * half-way for want of nginx says less, later). `--packages` prints only the missing packages'
 * names, for `.ci/run` to install.
 */
const { values } = parseArgs({ options: { packages: { type: "boolean", default: false } } });
const missing = shortfall("test");

if (values.packages) {
  // Names on stdout for the script; the other problems still go to the person running it.
  if (missing.packages.length > 0) console.log(missing.packages.join(" "));
  for (const problem of missing.other) console.error(problem);
  console.error(
    missing.packages.length > 0
      ? `preflight: ${missing.packages.length} system package(s) missing`
      : "preflight: every system package the tests need is installed",
  );
  process.exit(missing.other.length > 0 ? 1 : 0);
}

const advice = installAdvice(
  missing,
  process.getuid?.() === 0,
  " (or run `bash .ci/run`, which installs them, then runs npm ci and npm test)",
);
if (advice !== undefined) {
  console.error(advice);
  process.exit(1);
}
console.log("preflight: every system package the tests need is installed");
