import { accessSync, constants, statSync } from "node:fs";
import { delimiter, isAbsolute, join } from "node:path";

/**
 * What the tests (and the benchmark) need from the machine besides Node and `npm ci`: one row per
 * Debian package, with how to tell it is there. `npm test` checks these before running anything
 * (`preflight.ts`) and `.ci/run` installs the ones missing, so the list lives here only.
 */
export interface SystemPackage {
  /** The Debian (and Ubuntu) package that provides it. */
  name: string;
  /** What it is for, in the one line a developer reads when it is missing. */
  why: string;
  /** A command looked up on PATH, or an absolute file that must exist. */
  provides: { command: string } | { file: string };
  /** `test`: `npm test` needs it. `bench`: only `npm run bench` does. */
  neededBy: "test" | "bench";
}

export const systemPackages: readonly SystemPackage[] = [
  { name: "git", why: "fixture repositories, the gateway's clone", provides: { command: "git" }, neededBy: "test" },
  {
    name: "chromium",
    why: "the browser tests (CHROMIUM_PATH names another Chromium or Chrome)",
    provides: { file: "/usr/bin/chromium" },
    neededBy: "test",
  },
  {
    name: "fonts-dejavu-core",
    why: "a font for Chromium's pages and screenshots",
    provides: { file: "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf" },
    neededBy: "test",
  },
  { name: "nginx", why: "the deploy and serving tests", provides: { command: "nginx" }, neededBy: "test" },
  {
    name: "libnginx-mod-http-brotli-static",
    why: "nginx serving the precompressed .br files",
    provides: { file: "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so" },
    neededBy: "test",
  },
  {
    name: "openssl",
    why: "the certificates of nginx over HTTPS (the deploy test, the bench's first search)",
    provides: { command: "openssl" },
    neededBy: "test",
  },
  { name: "rsync", why: "deploys", provides: { command: "rsync" }, neededBy: "test" },
  { name: "openssh-server", why: "the deploy over SSH", provides: { file: "/usr/sbin/sshd" }, neededBy: "test" },
  { name: "openssh-client", why: "the deploy over SSH", provides: { command: "ssh" }, neededBy: "test" },
  {
    name: "default-jre-headless",
    why: "the Nu Html Checker (vnu-jar from npm) over every page type",
    provides: { command: "java" },
    neededBy: "test",
  },
  { name: "wrk", why: "the serving benchmark", provides: { command: "wrk" }, neededBy: "bench" },
];

export interface MachineView {
  /** The PATH to look commands up on. */
  path: string;
  /** CHROMIUM_PATH, when set: that browser replaces Debian's chromium. */
  chromiumPath?: string | undefined;
  /** Prefixed to absolute files (a test points it at a scratch folder); "/" on a real machine. */
  root: string;
}

export const thisMachine = (): MachineView => ({
  path: process.env.PATH ?? "",
  chromiumPath: process.env.CHROMIUM_PATH || undefined,
  root: "/",
});

export interface Shortfall {
  /** Debian packages to install, in the table's order. */
  packages: string[];
  /** Problems no package fixes (a CHROMIUM_PATH that names no program). */
  other: string[];
}

/** What of `systemPackages` needed for `purpose` this machine lacks (bench needs the test's too). */
export function shortfall(purpose: "test" | "bench", machine: MachineView = thisMachine()): Shortfall {
  const packages: string[] = [];
  const other: string[] = [];
  for (const pkg of systemPackages) {
    if (purpose === "test" && pkg.neededBy !== "test") continue;
    if (pkg.name === "chromium" && machine.chromiumPath !== undefined) {
      if (!isExecutableFile(machine.chromiumPath)) {
        other.push(
          `CHROMIUM_PATH is ${JSON.stringify(machine.chromiumPath)}, which is not an executable file: ` +
            "point it at Chromium or Chrome, or unset it to use Debian's chromium (/usr/bin/chromium)",
        );
      }
      continue;
    }
    const present =
      "command" in pkg.provides
        ? onPath(pkg.provides.command, machine.path)
        : isFile(join(machine.root, pkg.provides.file));
    if (!present) packages.push(pkg.name);
  }
  return { packages, other };
}

/**
 * The one line that tells a developer what to install (then `afterwards`, if given), and a line
 * per other problem; undefined when nothing is missing.
 */
export function installAdvice(missing: Shortfall, asRoot: boolean, afterwards = ""): string | undefined {
  const lines: string[] = [];
  if (missing.packages.length > 0) {
    const sudo = asRoot ? "" : "sudo ";
    lines.push(
      `Missing system packages: ${missing.packages.join(" ")}. Install them with: ` +
        `${sudo}apt-get update && ${sudo}apt-get install -y --no-install-recommends ${missing.packages.join(" ")}` +
        afterwards,
    );
  }
  lines.push(...missing.other);
  return lines.length > 0 ? lines.join("\n") : undefined;
}

function onPath(command: string, path: string): boolean {
  return path
    .split(delimiter)
    .filter((dir) => isAbsolute(dir))
    .some((dir) => isExecutableFile(join(dir, command)));
}

function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}
