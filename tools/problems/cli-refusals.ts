/**
 * Every refusal of the `portal` command's own (a missing or malformed option, nothing to work on),
 * by code, with what it is written from. The operators' commands (deploy, rollback, nginx-config,
 * gateway, guard, codeowners, check-links, the desk) speak English, as their documentation does;
 * what editors and DKISP's desk read of a build and the report is Indonesian (problem-catalogue.ts
 * and the commands' summaries). Codes never change: the tests refer to them.
 */
type None = Record<never, never>;

export const cliRefusals = {
  // --- every command ---
  "option-repeated": ({ name, values }: { name: string; values: string[] }) =>
    `Option '--${name}' was given ${values.length} times (${values.join(", ")}); give it once.`,
  "unknown-command": ({ name }: { name: string }) => `Unknown command "${name}".`,
  "not-a-site-name": ({ names }: { names: string[] }) =>
    `Not a site name: ${names.map((b) => `"${b}"`).join(", ")} (a site is named by its folder in sites/, e.g. dinkes).`,
  "portal-unreadable": ({ detail }: { detail: string }) => `portal.json cannot be read: ${detail}`,
  // --- deploy, rollback, verify-deploy ---
  "no-target": (_: None) =>
    "Name where to deploy: --target <folder> or --target user@host:/srv/portal (or set DEPLOY_TARGET).",
  "changes-unknown": ({ base, detail }: { base: string; detail: string }) =>
    `Cannot tell which sites changed since ${base}: ${detail}\nName the sites, or use --all.`,
  "keep-too-small": ({ keep }: { keep: string | undefined }) =>
    `--keep must be a whole number of at least 2 (a release to roll back to is always kept), not "${keep}".`,
  "nothing-built": ({ dist }: { dist: string }) =>
    `${dist} holds no built site: run npm run build first (nothing was deployed).`,
  "not-in-registry": ({ sites }: { sites: string[] }) =>
    `Not a site of the registry, so not deployed: ${sites.join(", ")} (its folder was removed from sites/, or it is retired; a stale dist/<slug>/ is deleted by hand).`,
  "not-built": ({ sites }: { sites: string[] }) =>
    `Not built, so not deployed: ${sites.join(", ")} (run npm run build -- ${sites.join(" ")}).`,
  "release-id-malformed": ({ to }: { to: string }) =>
    `--to takes a release id as the deploy printed it (e.g. 20261128T021500123Z-8735f0a9), not "${to}".`,
  "no-site-to-roll-back": (_: None) => "Name the site(s) to roll back: npm run rollback -- <slug> [--to <release>].",
  // --- check-links ---
  "no-built-site": ({ where, names }: { where: string; names: string[] }) =>
    `No built site in ${where}: run \`npm run build\` first${names.length ? ` (or check the names: ${names.join(", ")})` : ""}.`,
  // --- nginx-config ---
  "no-serve-root": (_: None) =>
    "Name the folder the sites are deployed to on the server: --serve-root /srv/portal (the deploy --target's folder).",
  "tls-half": (_: None) => "TLS needs both --tls-cert and --tls-key (a certificate for the domain and *.domain).",
  "gateway-unset": (_: None) =>
    "Warning: portal.json's cms.backend is \"gateway\", but no --gateway <addr> was given: /admin/api/ will not reach the editors' gateway.",
  "gateway-address-malformed": ({ gateway }: { gateway: string }) =>
    `--gateway ${gateway} is not an address nginx can proxy to (host:port or unix:/path).`,
  // --- guard, the desk ---
  "guard-needs-base": (_: None) =>
    "guard needs --base <rev>: the commit the checked commits come after (e.g. origin/main).",
  "new-site-usage": (_: None) =>
    'Usage: npm run new-site -- <slug> --name "Dinas Kesehatan" --type dinas [--short-name Dinkes] [--address ...] [--phone ...] [--email ...]',
  "retire-site-usage": (_: None) =>
    "Usage: npm run retire-site -- <slug> [--successor <slug of the unit that took over>] [--archive]",
  // --- report, reminders ---
  "instant-malformed": ({ value }: { value: string }) =>
    `--now "${value}" is not an instant: write it like 2026-12-01T08:00:00+08:00.`,
  "json-or-csv": (_: None) => "Choose one of --json and --csv.",
};

export type CliRefusalCode = keyof typeof cliRefusals;

/** The sentence of a refusal, for the terminal. */
export const cliRefusal = <C extends CliRefusalCode>(code: C, args: Parameters<(typeof cliRefusals)[C]>[0]): string =>
  (cliRefusals[code] as (a: unknown) => string)(args);
