import type { Progress } from "../core/progress.ts";
import type { Workspace } from "../core/workspace.ts";

/**
 * The `portal` command's one table: every command, option and environment variable, with what it
 * does. The parser (portal.ts), `portal --help` and docs/commands.md's command reference are all
 * made from it (a test fails when the document is stale), so the three cannot disagree. Each
 * command's module is loaded only when it runs: a build never loads the deploy tools.
 */
export interface CliOption {
  name: string;
  type: "string" | "boolean";
  /** The value's placeholder in help ("<dir>"); none for a boolean. */
  value?: string;
  short?: string;
  /** Which commands take it; none: every command. */
  commands?: readonly string[];
  help: string;
}

/** What a command's handler receives: the workspace, its positional arguments and the options. */
export interface CliContext {
  ws: Workspace;
  args: string[];
  values: Record<string, string | boolean | undefined>;
  progress: Progress;
}

export interface CliCommand {
  name: string;
  /** Positional arguments as help shows them ("[site...]"). */
  args?: string;
  help: string;
  /** The npm script that runs it (`npm run <script>`), when there is one. */
  script?: string;
  run: (ctx: CliContext) => Promise<number>;
}

const str = (v: string | boolean | undefined) => (typeof v === "string" ? v : undefined);
/** Only the options that were given, for handlers whose options are optional properties. */
const given = <T extends Record<string, unknown>>(o: T) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

export const cliCommands: readonly CliCommand[] = [
  {
    name: "validate",
    args: "[site...]",
    script: "validate",
    help: "check portal.json, site.json and every content file; exit 1 on any problem",
    run: async ({ ws, args }) => (await import("./validate-command.ts")).runValidate(ws, args),
  },
  {
    name: "build",
    args: "[site...]",
    script: "build",
    help: "validate and build sites into dist/<slug>/ (all sites when none is named)",
    run: async ({ ws, args, values, progress }) =>
      (await import("./build-command.ts")).runBuild(ws, args, { json: values.json === true, progress }),
  },
  {
    name: "build-server",
    help: "keep the CLI loaded, warm it up by building one unit aside, and build what `portal build <site...>` and Nx's one-site tasks hand it, while it runs (CI starts it before its plan step: a post's edit builds its unit and the hub there); stops after --idle seconds with nothing to build",
    run: async ({ ws, values }) => {
      const idle = str(values.idle) ?? "600";
      if (!/^[1-9][0-9]{0,5}$/.test(idle)) {
        console.error(`portal build-server: --idle takes whole seconds from 1 to 999999, not "${idle}"`);
        return 2;
      }
      return (await import("./build-server.ts")).runBuildServer(ws, { idleSeconds: Number(idle) });
    },
  },
  {
    name: "start",
    script: "start",
    help: "build everything, serve every site on *.localhost, rebuild on change",
    run: async ({ ws, values, progress }) => {
      // Before the generator loads (about 1.5 s): the first thing a developer sees says it started.
      console.log("Memulai: memuat pembangun situs…");
      return (await import("./start-command.ts")).runStart(ws, {
        port: Number(str(values.port) ?? process.env.PORT ?? 8080),
        progress,
      });
    },
  },
  {
    name: "check-links",
    args: "[site...]",
    script: "check-links",
    help: "after a build: follow every link within and between the built sites in --dist; exit 1 on any broken one",
    run: async ({ ws, args, values }) =>
      (await import("./check-links-command.ts")).runCheckLinks(ws, args, { json: values.json === true }),
  },
  {
    name: "deploy",
    args: "[site...]",
    script: "deploy",
    help: "publish built sites to --target, one release each, switched atomically (the sites changed since --base when none is named; --all for every one)",
    run: async (ctx) => (await import("./deploy-command.ts")).runDeploy(ctx.ws, ctx.args, deployFlags(ctx)),
  },
  {
    name: "rollback",
    args: "<site...>",
    script: "rollback",
    help: "serve a site's previous release again (or --to <release>)",
    run: async (ctx) => (await import("./deploy-command.ts")).runRollback(ctx.ws, ctx.args, deployFlags(ctx)),
  },
  {
    name: "verify-deploy",
    args: "[site...]",
    script: "verify-deploy",
    help: "compare what --target serves with each release's hash manifest",
    run: async (ctx) => (await import("./deploy-command.ts")).runVerifyDeploy(ctx.ws, ctx.args, deployFlags(ctx)),
  },
  {
    name: "nginx-config",
    script: "nginx-config",
    help: "print (or --output) the nginx configuration for the sites under --serve-root",
    run: async ({ ws, values }) =>
      (await import("./deploy-command.ts")).runNginxConfig(ws, {
        root: str(values["serve-root"]),
        listen: str(values.listen),
        output: str(values.output),
        tlsCert: str(values["tls-cert"]),
        tlsKey: str(values["tls-key"]),
        brotli: values.brotli === true,
        gateway: str(values.gateway),
      }),
  },
  {
    name: "codeowners",
    script: "codeowners",
    help: "write .github/CODEOWNERS from the registry (--check: exit 1 if it is stale)",
    run: async ({ ws, values }) =>
      (await import("./access-command.ts")).runCodeowners(ws, { check: values.check === true }),
  },
  {
    name: "guard",
    args: "--base <rev>",
    script: "guard",
    help: "exit 1 if a commit since <rev> with a Portal-Unit trailer changes anything outside that unit's folder, or the gateway committed without one",
    run: async ({ ws, values }) =>
      (await import("./access-command.ts")).runGuard(ws, given({ base: str(values.base), head: str(values.head) })),
  },
  {
    name: "new-site",
    args: '<slug> --name "..." --type <type>',
    script: "new-site",
    help: "bring a unit online: sites/<slug>/ with site.json and the starter pages (--short-name, --address, --phone, --email; defaults from portal.json)",
    run: async ({ ws, args, values }) =>
      (await import("./desk-command.ts")).runNewSite(ws, args, {
        ...given({
          name: str(values.name),
          type: str(values.type),
          shortName: str(values["short-name"]),
          address: str(values.address),
          phone: str(values.phone),
          email: str(values.email),
        }),
        plan: values.plan === true,
      }),
  },
  {
    name: "retire-site",
    args: "<slug>",
    script: "retire-site",
    help: "the unit leaves the network: site.json marked retired (its name stays taken), content and media removed (Git history keeps them), its subdomain redirected to the hub's page about it (--successor <slug>: who took over; --archive: keep its pages readable on the hub at /arsip/<slug>/)",
    run: async ({ ws, args, values }) =>
      (await import("./desk-command.ts")).runRetireSite(ws, args, {
        ...given({ successor: str(values.successor) }),
        archive: values.archive === true,
      }),
  },
  {
    name: "report",
    script: "report",
    help: "every unit's activity (state, last change, items per month) and what it still must publish (content-schema/completeness.json); --json, --csv",
    run: async ({ ws, values }) =>
      (await import("./report-command.ts")).runReport(ws, {
        json: values.json === true,
        csv: values.csv === true,
        ...given({ now: str(values.now) }),
      }),
  },
  {
    name: "reminders",
    help: "the monthly reminders' plan as JSON: which issues to open, update or close (--open-issues: gh issue list --json number,title,body)",
    run: async ({ ws, values }) =>
      (await import("./report-command.ts")).runReminders(
        ws,
        given({ openIssues: str(values["open-issues"]), now: str(values.now) }),
      ),
  },
  {
    name: "gateway",
    script: "gateway",
    help: "the editors' gateway: Decap's proxy API behind nginx at /admin/api/, SSO login, pushes to the Git host (settings: docs/operations/gateway.md)",
    run: async ({ ws, values }) =>
      (await import("./gateway-command.ts")).runGateway(ws, {
        remote: str(values.remote),
        clone: str(values.clone),
        auditLog: str(values["audit-log"]),
        port: str(values.port),
        sessionHours: str(values["session-hours"]),
        apex: str(values.apex),
        http: values.http === true,
      }),
  },
];

function deployFlags({ values }: CliContext) {
  return {
    target: str(values.target),
    all: values.all === true,
    base: str(values.base),
    keep: str(values.keep),
    revision: str(values.revision),
    to: str(values.to),
    force: values.force === true,
    json: values.json === true,
  };
}

export const cliOptions: readonly CliOption[] = [
  {
    name: "root",
    type: "string",
    value: "<dir>",
    help: "the folder with portal.json and sites/ (default: this repository)",
  },
  { name: "dist", type: "string", value: "<dir>", help: "where built sites go (default: <root>/dist)" },
  {
    name: "port",
    type: "string",
    value: "<n>",
    commands: ["start", "gateway"],
    help: "start: the port (default: $PORT or 8080); gateway: its port (default: $PORT or 8790)",
  },
  {
    name: "json",
    type: "boolean",
    commands: ["build", "check-links", "deploy", "rollback", "verify-deploy", "report"],
    help: "print results as JSON lines (for tools); build: each site's problems as data (code, file, line, arguments, words)",
  },
  { name: "csv", type: "boolean", commands: ["report"], help: "report: one CSV row per unit" },
  {
    name: "idle",
    type: "string",
    value: "<seconds>",
    commands: ["build-server"],
    help: "stop after this long with nothing to build (default: 600)",
  },
  {
    name: "now",
    type: "string",
    value: "<instant>",
    commands: ["report", "reminders"],
    help: "as of this instant (default: now)",
  },
  {
    name: "open-issues",
    type: "string",
    value: "<file>",
    commands: ["reminders"],
    help: "the open reminder issues, as `gh issue list --json number,title,body` prints them",
  },
  {
    name: "successor",
    type: "string",
    value: "<slug>",
    commands: ["retire-site"],
    help: "the unit that took over the retired unit's tasks",
  },
  {
    name: "archive",
    type: "boolean",
    commands: ["retire-site"],
    help: "keep the retired unit's pages readable on the hub at /arsip/<slug>/",
  },
  {
    name: "target",
    type: "string",
    value: "<dest>",
    commands: ["deploy", "rollback", "verify-deploy"],
    help: "a folder, or user@host:/srv/portal over SSH (default: $DEPLOY_TARGET; ssh options in $DEPLOY_SSH)",
  },
  { name: "all", type: "boolean", commands: ["deploy"], help: "deploy every built site" },
  {
    name: "force",
    type: "boolean",
    commands: ["deploy"],
    help: "a new release even when nothing changed (replaces files altered on the server)",
  },
  {
    name: "base",
    type: "string",
    value: "<rev>",
    commands: ["deploy", "guard"],
    help: "deploy: the sites changed since this commit (default: HEAD~1); guard: the first commit not checked",
  },
  {
    name: "keep",
    type: "string",
    value: "<n>",
    commands: ["deploy"],
    help: "releases kept per site (default: 5, at least 2)",
  },
  {
    name: "revision",
    type: "string",
    value: "<name>",
    commands: ["deploy"],
    help: "names the release after the time (default: the commit)",
  },
  { name: "to", type: "string", value: "<release>", commands: ["rollback"], help: "the release to serve" },
  {
    name: "serve-root",
    type: "string",
    value: "<dir>",
    commands: ["nginx-config"],
    help: "the deploy target's folder on the server",
  },
  {
    name: "listen",
    type: "string",
    value: "<addr>",
    commands: ["nginx-config"],
    help: "nginx's listen address (default: 80, or 443 with TLS)",
  },
  {
    name: "tls-cert",
    type: "string",
    value: "<file>",
    commands: ["nginx-config"],
    help: "certificate for the domain and *.domain (with --tls-key)",
  },
  { name: "tls-key", type: "string", value: "<file>", commands: ["nginx-config"], help: "the certificate's key" },
  {
    name: "brotli",
    type: "boolean",
    commands: ["nginx-config"],
    help: "serve .br files (Debian: libnginx-mod-http-brotli-static)",
  },
  {
    name: "output",
    type: "string",
    value: "<file>",
    commands: ["nginx-config"],
    help: "write to this file instead of printing",
  },
  {
    name: "gateway",
    type: "string",
    value: "<addr>",
    commands: ["nginx-config"],
    help: "send /admin/api/ of every site to the editors' gateway at <addr> (e.g. 127.0.0.1:8790)",
  },
  {
    name: "check",
    type: "boolean",
    commands: ["codeowners"],
    help: "only check: exit 1 if .github/CODEOWNERS is stale",
  },
  {
    name: "head",
    type: "string",
    value: "<rev>",
    commands: ["guard"],
    help: "the last commit checked (default: HEAD)",
  },
  {
    name: "remote",
    type: "string",
    value: "<url>",
    commands: ["gateway"],
    help: "the Git host's repository the gateway pushes to (default: $PORTAL_GATEWAY_REMOTE)",
  },
  {
    name: "clone",
    type: "string",
    value: "<dir>",
    commands: ["gateway"],
    help: "the gateway's own clone of the repository (default: .cache/gateway/repo)",
  },
  {
    name: "audit-log",
    type: "string",
    value: "<file>",
    commands: ["gateway"],
    help: "the JSON-lines audit log (default: .cache/gateway/audit.jsonl)",
  },
  {
    name: "session-hours",
    type: "string",
    value: "<n>",
    commands: ["gateway"],
    help: "how long a login lasts (default: 8)",
  },
  {
    name: "apex",
    type: "string",
    value: "<host>",
    commands: ["gateway"],
    help: "where the sites are (default: portal.json's domain)",
  },
  {
    name: "http",
    type: "boolean",
    commands: ["gateway"],
    help: "plain-http sites and SSO, for a trial on one machine only",
  },
  { name: "name", type: "string", value: '"..."', commands: ["new-site"], help: "the unit's full name" },
  {
    name: "type",
    type: "string",
    value: "<type>",
    commands: ["new-site"],
    help: "the unit's type (dinas, badan, kecamatan, ...)",
  },
  {
    name: "short-name",
    type: "string",
    value: "<name>",
    commands: ["new-site"],
    help: "its short name (default: the name, when it is at most 40 characters long)",
  },
  {
    name: "address",
    type: "string",
    value: '"..."',
    commands: ["new-site"],
    help: "its office address (default: portal.json's)",
  },
  {
    name: "phone",
    type: "string",
    value: '"..."',
    commands: ["new-site"],
    help: "its telephone (default: portal.json's)",
  },
  {
    name: "email",
    type: "string",
    value: "<address>",
    commands: ["new-site"],
    help: "its e-mail (default: <slug>@<domain>)",
  },
  {
    name: "plan",
    type: "boolean",
    commands: ["new-site"],
    help: "print what would be written, as JSON, and write nothing (the Nx generator uses it)",
  },
  { name: "help", type: "boolean", short: "h", help: "show this help" },
];

/** The environment the commands read (secrets and deploy settings are documented in docs/operations/). */
export const cliEnvironment: readonly { name: string; help: string }[] = [
  {
    name: "PORTAL_BASE_URL",
    help: "where the built sites are served (default: https://<domain>; npm start: http://localhost:<port>)",
  },
  { name: "PORTAL_DIST_DIR", help: "where built sites go (as --dist)" },
  { name: "PORTAL_CACHE_DIR", help: "encoded images, checked media, npm start's output (default: <root>/.cache)" },
  { name: "PORTAL_SCHEMA_DIR", help: "another content-schema/ folder (tests of new content types use it)" },
  { name: "PORT", help: "start's and gateway's port" },
  { name: "DEPLOY_TARGET", help: "deploy's --target" },
  { name: "DEPLOY_SSH", help: "ssh options for deploys over SSH" },
  { name: "PORTAL_GATEWAY_REMOTE", help: "gateway: the repository it pushes to (as --remote)" },
  { name: "PORTAL_GATEWAY_SECRET", help: "gateway: the key sessions are signed with" },
  { name: "PORTAL_OIDC_ISSUER", help: "gateway: the regency's SSO (OpenID Connect issuer)" },
  { name: "PORTAL_OIDC_CLIENT_ID", help: "gateway: its client id at the SSO" },
  { name: "PORTAL_OIDC_CLIENT_SECRET", help: "gateway: its client secret at the SSO" },
  { name: "CHROMIUM_PATH", help: "tests: the Chromium or Chrome to drive (default: /usr/bin/chromium)" },
  {
    name: "PORTAL_CONTRACT_UNITS",
    help: "tests: generated units per seed of the validate ⇔ build property test (default: 16)",
  },
  {
    name: "PORTAL_CONTRACT_SEEDS",
    help: "tests: that property test's seeds, comma-separated (default: kontrak-1,kontrak-2,kontrak-3)",
  },
  {
    name: "UPDATE_SCREENSHOTS",
    help: "tests: with 1, write the editors' guide's screenshots into docs/panduan-editor/ again",
  },
];

/** `parseArgs`'s options, from the table. */
export const parseOptionsOf = () =>
  Object.fromEntries(
    cliOptions.map((o) => [
      o.name,
      { type: o.type, ...(o.short ? { short: o.short } : {}), ...(o.type === "boolean" ? { default: false } : {}) },
    ]),
  ) as Record<string, { type: "string" | "boolean"; short?: string; default?: boolean }>;

/** A line's words wrapped at `width`, each next line indented by `indent`. */
function wrap(text: string, indent: number, width = 100): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

const column = 23;
const entry = (left: string, help: string) =>
  left.length <= column - 4
    ? `  ${left.padEnd(column - 2)}${wrap(help, column)}`
    : `  ${left}\n${" ".repeat(column)}${wrap(help, column)}`;

/** `portal --help`. */
export function usage(): string {
  return [
    "Usage: portal <command> [options] [site...]",
    "",
    "Commands:",
    ...cliCommands.map((c) => entry(`${c.name}${c.args ? ` ${c.args}` : ""}`, c.help)),
    "",
    "Options:",
    ...cliOptions.map((o) =>
      entry(
        `${o.short ? `-${o.short}, ` : ""}--${o.name}${o.value ? ` ${o.value}` : ""}`,
        `${o.commands ? `${o.commands.join(", ")}: ` : ""}${o.help}`,
      ),
    ),
    "",
    "Environment:",
    ...cliEnvironment.map((e) => entry(e.name, e.help)),
    "",
    "Every command is also `npm run portal -- <command>`; most have an npm script of their name.",
    "More: docs/commands.md",
  ].join("\n");
}

const code = (text: string) => `\`${text}\``;
/** Prose in a Markdown table cell: `<slug>` is not a tag, `*.localhost` not emphasis, `|` not a column. */
const cell = (text: string) => text.replace(/[|*_]/g, "\\$&").replace(/</g, "&lt;");

/** docs/commands.md's reference, generated (node --import tsx tools/docs/commands-doc.ts). */
export function commandsMarkdown(): string {
  const optionsOf = (name: string) =>
    cliOptions.filter((o) => o.commands?.includes(name)).map((o) => code(`--${o.name}${o.value ? ` ${o.value}` : ""}`));
  return [
    "| command | npm script | does | options |",
    "| --- | --- | --- | --- |",
    ...cliCommands.map(
      (c) =>
        `| ${code(`portal ${c.name}${c.args ? ` ${c.args}` : ""}`)} | ${c.script ? code(`npm run ${c.script}`) : ""} | ${cell(c.help)} | ${optionsOf(c.name).join(", ").replace(/\|/g, "\\|")} |`,
    ),
    "",
    "| option | for | does |",
    "| --- | --- | --- |",
    ...cliOptions.map(
      (o) =>
        `| ${code(`${o.short ? `-${o.short}, ` : ""}--${o.name}${o.value ? ` ${o.value}` : ""}`)} | ${o.commands ? o.commands.join(", ") : "every command"} | ${cell(o.help)} |`,
    ),
    "",
    "| environment | does |",
    "| --- | --- |",
    ...cliEnvironment.map((e) => `| ${code(e.name)} | ${cell(e.help)} |`),
  ].join("\n");
}
