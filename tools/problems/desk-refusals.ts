import { formatProblem, type Problem } from "./problem.ts";

/**
 * Every refusal of DKISP's desk (`new-site`, `retire-site`), by code, with what it is written
 * from. The desk is run by DKISP's operators in a terminal, so its sentences are English, like
 * the other operators' commands; a unit's content problems found on the way are content problems
 * (problem-catalogue.ts), in Indonesian. Codes never change: the tests refer to them.
 */
export const deskRefusals = {
  "slug-not-dns-label": ({ slug, suggestion }: { slug: string; suggestion: string }) =>
    `slug: "${slug}" is not a DNS label (lower-case letters, digits and inner hyphens, at most 63)${suggestion && suggestion !== slug ? `; try "${suggestion}"` : ""}.`,
  "slug-ace": ({ slug, suggestion }: { slug: string; suggestion: string }) =>
    `slug: "${slug}" has "--" in its third and fourth places, which browsers read as an encoded international name (xn--dnkes-zsa shows as "dínkes", a look-alike of another unit); use plain letters, e.g. "${suggestion}".`,
  "slug-reserved": ({ slug, why }: { slug: string; why: string }) =>
    `slug: "${slug}" is reserved (${why}); choose the unit's usual abbreviation.`,
  "slug-look-alike": ({ slug, twin, host }: { slug: string; twin: string; host: string }) =>
    `slug: "${slug}" looks like "${twin}" (sites/${twin}/) in an address bar; a citizen could take ${host} for it. Choose a name that differs at a glance.`,
  "slug-taken": ({ slug, noRecord }: { slug: string; noRecord: boolean }) =>
    `slug: "${slug}" is taken: sites/${slug}/ exists${noRecord ? " (a folder without site.json)" : ""}. A retired unit's name stays taken, so its old address can never point to someone else.`,
  "unknown-unit-type": ({ type, types }: { type: string; types: string[] }) =>
    `--type: "${type}" is not a unit type; one of ${types.join(", ")}.`,
  "option-control-character": ({ flag, char }: { flag: string; char: string }) =>
    `${flag}: holds a line break or control character (${char}); give it on one line.`,
  "option-bidi-control": ({ flag, char }: { flag: string; char: string }) =>
    `${flag}: holds a bidirectional control (${char}), which reorders what readers see; retype it.`,
  "name-missing": (_: Record<never, never>) => `--name: the unit's full name, e.g. --name "Dinas Kesehatan".`,
  "short-name-missing": ({ name }: { name: string }) =>
    `--short-name: "${name}" is longer than 40 characters; give the unit's short name, e.g. --short-name "Dinkes".`,
  "name-taken": ({ flag, name, owner }: { flag: string; name: string; owner: string }) =>
    `${flag}: "${name}" is already the name of sites/${owner}/; citizens tell units apart by it. Give this unit its own.`,
  "address-missing": (_: Record<never, never>) =>
    "--address: the unit's office address (portal.json has none to start from).",
  "phone-missing": (_: Record<never, never>) => "--phone: the unit's telephone (portal.json has none to start from).",
  "hub-cannot-retire": ({ slug }: { slug: string }) => `"${slug}" is the hub: the regency's portal cannot be retired.`,
  "not-a-unit": ({ slug }: { slug: string }) => `"${slug}" is not a unit: sites/${slug}/site.json does not exist.`,
  "record-invalid": ({ slug }: { slug: string }) =>
    `sites/${slug}/site.json does not validate: fix it first (npm run validate -- ${slug}).`,
  "already-retired": ({ slug, on }: { slug: string; on: string }) => `"${slug}" was retired on ${on} already.`,
  "successor-not-active": ({ successor }: { successor: string }) =>
    `--successor: "${successor}" is not another active unit (npm run report lists them).`,
  "archive-invalid": (_: Record<never, never>) =>
    "--archive: the unit's content must validate to be archived; fix these first (or retire it without --archive):",
};

export type DeskRefusalCode = keyof typeof deskRefusals;

/** One refusal of the desk as data: its code and what its sentence is written from. */
export interface DeskRefusal<C extends DeskRefusalCode = DeskRefusalCode> {
  code: C;
  args: Parameters<(typeof deskRefusals)[C]>[0];
}

export const deskRefusal = <C extends DeskRefusalCode>(code: C, args: Parameters<(typeof deskRefusals)[C]>[0]) =>
  ({ code, args }) as DeskRefusal<C>;

/** What the desk refuses: its own refusals, and a unit's content problems found on the way. */
export type DeskProblem = DeskRefusal | Problem;

/** Its sentence, for the terminal. */
export const formatDeskProblem = (p: DeskProblem): string =>
  "file" in p ? formatProblem(p) : (deskRefusals[p.code] as (a: unknown) => string)(p.args);
