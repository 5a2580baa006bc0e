import { parseArgs } from "node:util";
import { workspaceAt } from "../core/workspace.ts";
import type { Progress } from "../core/progress.ts";
import { runCli } from "./run-cli.ts";
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
  deploy [site...]     publish built sites to --target, one release each, switched atomically
                       (the sites changed since --base when none is named; --all for every one)
  rollback <site...>   serve a site's previous release again (or --to <release>)
  verify-deploy [site...]
                       compare what --target serves with each release's hash manifest
  nginx-config         print (or --output) the nginx configuration for the sites under --serve-root
  codeowners           write .github/CODEOWNERS from the registry (--check: exit 1 if it is stale)
  guard --base <rev>   exit 1 if a commit since <rev> with a Portal-Unit trailer changes anything
                       outside that unit's folder, or the gateway committed without one
  new-site <slug> --name "..." --type <type>
                       bring a unit online: sites/<slug>/ with site.json and the starter pages
                       (--short-name, --address, --phone, --email; defaults from portal.json)
  retire-site <slug>   the unit leaves the network: site.json marked retired (its name stays
                       taken), content and media removed (Git history keeps them), its subdomain
                       redirected to the hub's page about it (--successor <slug>: who took over;
                       --archive: keep its pages readable on the hub at /arsip/<slug>/)
  report               every unit's activity (state, last change, items per month) and what
                       it still must publish (content-schema/completeness.json); --json, --csv
  reminders            the monthly reminders' plan as JSON: which issues to open, update or
                       close (--open-issues: gh issue list --json number,title,body)
  gateway              the editors' gateway: Decap's proxy API behind nginx at /admin/api/, SSO
                       login, pushes to the Git host (settings: docs/cms-and-gateway.md, "Running the editors'
                       gateway")

Options:
  --root <dir>         the folder with portal.json and sites/ (default: this repository)
  --dist <dir>         where built sites go (default: <root>/dist)
  --port <n>           port for start (default: $PORT or 8080)
  --json               print results as JSON lines (for tools)
  --csv                report: one CSV row per unit
  --now <instant>      report, reminders: as of this instant (default: now)
  --target <dest>      deploy target: a folder, or user@host:/srv/portal over SSH
                       (default: $DEPLOY_TARGET; ssh options in $DEPLOY_SSH)
  --all                deploy every built site
  --base <ref>         deploy: the sites changed since this commit (default: HEAD~1)
  --keep <n>           deploy: releases kept per site (default: 5, at least 2)
  --force              deploy: a new release even when nothing changed (replaces files
                       altered on the server)
  --revision <name>    deploy: names the release after the time (default: the commit)
  --to <release>       rollback: the release to serve
  --serve-root <dir>   nginx-config: the deploy target's folder on the server
  --listen <addr>      nginx-config: nginx's listen address (default: 80, or 443 with TLS)
  --tls-cert <file>    nginx-config: certificate for the domain and *.domain (with --tls-key)
  --tls-key <file>
  --brotli             nginx-config: serve .br files (Debian: libnginx-mod-http-brotli-static)
  --output <file>      nginx-config: write to this file instead of printing
  --check              codeowners: only check
  --head <rev>         guard: the last commit checked (default: HEAD)
  --gateway <addr>     nginx-config: send /admin/api/ of every site to the gateway at <addr>
                       (e.g. 127.0.0.1:8790)
  --clone <dir>        gateway: its own clone of the repository (default: .cache/gateway/repo)
  --audit-log <file>   gateway: the JSON-lines audit log (default: .cache/gateway/audit.jsonl)
  --session-hours <n>  gateway: how long a login lasts (default: 8)
  --apex <host>        gateway: where the sites are (default: portal.json's domain)
  --http               gateway: plain-http sites and SSO, for a trial on one machine only
  -h, --help           show this help`;

/**
 * The command line, strictly: an unknown option is refused (parseArgs's strict mode), and so is
 * an option given twice, which parseArgs would settle silently by taking the last
 * (`--type dinas --type badan` is a slip, not a choice).
 */
function parse() {
  const parsed = parseOptions();
  const given = new Map<string, string[]>();
  for (const token of parsed.tokens ?? [])
    if (token.kind === "option") given.set(token.name, [...(given.get(token.name) ?? []), token.value ?? "(on)"]);
  const repeated = [...given].filter(([, values]) => values.length > 1);
  if (repeated.length)
    throw new Error(
      repeated
        .map(
          ([name, values]) =>
            `Option '--${name}' was given ${values.length} times (${values.join(", ")}); give it once.`,
        )
        .join("\n"),
    );
  return parsed;
}

function parseOptions() {
  return parseArgs({
    allowPositionals: true,
    tokens: true,
    options: {
      root: { type: "string" },
      dist: { type: "string" },
      port: { type: "string" },
      json: { type: "boolean", default: false },
      csv: { type: "boolean", default: false },
      now: { type: "string" },
      "open-issues": { type: "string" },
      successor: { type: "string" },
      archive: { type: "boolean", default: false },
      target: { type: "string" },
      all: { type: "boolean", default: false },
      force: { type: "boolean", default: false },
      base: { type: "string" },
      keep: { type: "string" },
      revision: { type: "string" },
      to: { type: "string" },
      listen: { type: "string" },
      "tls-cert": { type: "string" },
      "tls-key": { type: "string" },
      brotli: { type: "boolean", default: false },
      output: { type: "string" },
      "serve-root": { type: "string" },
      check: { type: "boolean", default: false },
      head: { type: "string" },
      gateway: { type: "string" },
      remote: { type: "string" },
      clone: { type: "string" },
      "audit-log": { type: "string" },
      "session-hours": { type: "string" },
      apex: { type: "string" },
      http: { type: "boolean", default: false },
      name: { type: "string" },
      type: { type: "string" },
      "short-name": { type: "string" },
      address: { type: "string" },
      phone: { type: "string" },
      email: { type: "string" },
      plan: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
}

async function main(progress: Progress): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`);
    return 2;
  }
  const { values, positionals } = parsed;
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
      return runBuild(ws, sites, { json: values.json, progress });
    }
    case "start": {
      const { runStart } = await import("./start-command.ts");
      return runStart(ws, { port: Number(values.port ?? process.env.PORT ?? 8080), progress });
    }
    case "check-links": {
      const { runCheckLinks } = await import("./check-links-command.ts");
      return runCheckLinks(ws, sites, { json: values.json });
    }
    case "deploy":
    case "rollback":
    case "verify-deploy": {
      const commands = await import("./deploy-command.ts");
      const flags = {
        target: values.target,
        all: values.all,
        base: values.base,
        keep: values.keep,
        revision: values.revision,
        to: values.to,
        force: values.force,
        json: values.json,
      };
      if (command === "deploy") return commands.runDeploy(ws, sites, flags);
      if (command === "rollback") return commands.runRollback(ws, sites, flags);
      return commands.runVerifyDeploy(ws, sites, flags);
    }
    case "codeowners": {
      const { runCodeowners } = await import("./access-command.ts");
      return runCodeowners(ws, { check: values.check });
    }
    case "guard": {
      const { runGuard } = await import("./access-command.ts");
      return runGuard(ws, {
        ...(values.base ? { base: values.base } : {}),
        ...(values.head ? { head: values.head } : {}),
      });
    }
    case "nginx-config": {
      const { runNginxConfig } = await import("./deploy-command.ts");
      return runNginxConfig(ws, {
        root: values["serve-root"],
        listen: values.listen,
        output: values.output,
        tlsCert: values["tls-cert"],
        tlsKey: values["tls-key"],
        brotli: values.brotli,
        gateway: values.gateway,
      });
    }
    case "new-site": {
      const { runNewSite } = await import("./desk-command.ts");
      return runNewSite(ws, sites, {
        ...(values.name ? { name: values.name } : {}),
        ...(values.type ? { type: values.type } : {}),
        ...(values["short-name"] ? { shortName: values["short-name"] } : {}),
        ...(values.address ? { address: values.address } : {}),
        ...(values.phone ? { phone: values.phone } : {}),
        ...(values.email ? { email: values.email } : {}),
        plan: values.plan,
      });
    }
    case "retire-site": {
      const { runRetireSite } = await import("./desk-command.ts");
      return runRetireSite(ws, sites, {
        ...(values.successor ? { successor: values.successor } : {}),
        archive: values.archive,
      });
    }
    case "report": {
      const { runReport } = await import("./report-command.ts");
      return runReport(ws, { json: values.json, csv: values.csv, ...(values.now ? { now: values.now } : {}) });
    }
    case "reminders": {
      const { runReminders } = await import("./report-command.ts");
      return runReminders(ws, {
        ...(values["open-issues"] ? { openIssues: values["open-issues"] } : {}),
        ...(values.now ? { now: values.now } : {}),
      });
    }
    case "gateway": {
      const { runGateway } = await import("./gateway-command.ts");
      return runGateway(ws, {
        remote: values.remote,
        clone: values.clone,
        auditLog: values["audit-log"],
        port: values.port,
        sessionHours: values["session-hours"],
        apex: values.apex,
        http: values.http,
      });
    }
    default:
      console.error(`Unknown command "${command}".\n\n${usage}`);
      return 2;
  }
}

await runCli(`portal ${process.argv[2] ?? ""}`.trim(), main);
