import { parseArgs } from "node:util";
import { workspaceAt } from "../core/workspace.ts";
import { runValidate } from "./validate-command.ts";

/**
 * `portal <command>`: the one entry point for operators and npm scripts.
 * Each command lives in its own module; this file only parses arguments and dispatches.
 */
const usage = `Usage: portal <command> [options] [site...]

Commands:
  validate [site...]   check portal.json, site.json and every content file; exit 1 on any problem
  build [site...]      validate and build sites into dist/<slug>/ (all sites when none is named)
  start                build everything, serve every site on *.localhost, rebuild on change
  check-links [site...]
                       after a build: follow every link within and between the built sites
                       in --dist; exit 1 on any broken one

Options:
  --root <dir>         the folder with portal.json and sites/ (default: this repository)
  --dist <dir>         where built sites go (default: <root>/dist)
  --port <n>           port for start (default: $PORT or 8080)
  --json               print results as JSON lines (for tools)
  -h, --help           show this help`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: "string" },
      dist: { type: "string" },
      port: { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  const [command, ...sites] = positionals;
  if (values.help || !command) {
    console.log(usage);
    return values.help ? 0 : 2;
  }
  const ws = workspaceAt(values.root, values.dist ? { distDir: values.dist } : {});
  switch (command) {
    case "validate":
      return runValidate(ws, sites);
    case "build": {
      const { runBuild } = await import("./build-command.ts");
      return runBuild(ws, sites, { json: values.json });
    }
    case "start": {
      const { runStart } = await import("./start-command.ts");
      return runStart(ws, { port: Number(values.port ?? process.env.PORT ?? 8080) });
    }
    case "check-links": {
      const { runCheckLinks } = await import("./check-links-command.ts");
      return runCheckLinks(ws, sites, { json: values.json });
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? `Internal error: ${error.stack ?? error.message}` : error);
    process.exitCode = 1;
  },
);
