import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";

/**
 * Nunjucks turns a template into JavaScript (lexer, parser, transformer, compiler) the first time
 * an environment renders it, and every Eleventy run has an environment of its own: each batch of a
 * build, each Nx task and each rebuild of `portal start` compiled the theme's templates again. In
 * the hub's build at 40 × 100 that was 0.22 s of its 0.34 s of rendering. That JavaScript depends
 * only on what `compiler.compile` is given (the template's text and name, the environment's
 * options, async filters and tags), so it is kept by a hash of exactly that: in memory for the
 * process, and in `dir` for the next one (`.cache/compiled/`, which CI keeps).
 *
 * Nunjucks has no hook for this (its precompiled mode replaces the loader, and Eleventy creates
 * its layouts' templates itself), so `Template#_compile` is wrapped once; it behaves as before for
 * any environment not given to `keepCompiledTemplates`.
 */

/** The part of nunjucks this needs (the module as Eleventy's `eleventy.engine.njk` event passes it). */
export interface NunjucksLib {
  Template: { prototype: object };
  compiler: { compile: (...args: unknown[]) => string };
}

interface Extension {
  __name?: string;
  tags?: string[];
  parse?: unknown;
  preprocess?: unknown;
}

interface NunjucksEnvironment {
  opts: object;
  asyncFilters: string[];
  extensionsList: Extension[];
}

/** A template as `_compile` sees it (nunjucks/src/environment.js). */
interface TemplateState {
  env: NunjucksEnvironment;
  tmplStr?: string;
  tmplProps?: unknown;
  path?: string;
  blocks: Record<string, unknown>;
  rootRenderFunc: unknown;
  compiled: boolean;
  _getBlocks(props: Record<string, unknown>): Record<string, unknown>;
}

type CompiledProps = Record<string, unknown> & { root: unknown };

const stores = new WeakMap<object, string>();
/** The last code of each template and setting: a long `portal start` keeps one per template, not one per edit. */
const inMemory = new Map<string, { key: string; props: CompiledProps }>();
const wrapped = Symbol.for("portal.compiledTemplates");

/** Loads what Eleventy loads: Nunjucks is Eleventy's dependency, not the portal's. */
export const eleventysNunjucks = createRequire(import.meta.resolve("@11ty/eleventy"));

let version: string | undefined;
/** Code compiled by another version of Nunjucks is not this one's: each version has a folder. */
const nunjucksVersion = (): string =>
  (version ??= (
    JSON.parse(readFileSync(eleventysNunjucks.resolve("nunjucks/package.json"), "utf8")) as {
      version: string;
    }
  ).version);

/** Compiles `environment`'s templates once, whatever the run: see above. */
export function keepCompiledTemplates(nunjucks: NunjucksLib, environment: object, dir: string): void {
  stores.set(environment, join(dir, `nunjucks-${nunjucksVersion()}`));
  const proto = nunjucks.Template.prototype as Record<PropertyKey, unknown>;
  if (proto[wrapped]) return;
  const original = proto._compile as (this: TemplateState) => void;
  proto._compile = function (this: TemplateState) {
    const store = stores.get(this.env);
    if (!store || this.tmplProps !== undefined || typeof this.tmplStr !== "string") return original.call(this);
    const props = compiledProps(nunjucks, this, store);
    this.blocks = this._getBlocks(props);
    this.rootRenderFunc = props.root;
    this.compiled = true;
  };
  proto[wrapped] = true;
}

function compiledProps(nunjucks: NunjucksLib, template: TemplateState, store: string): CompiledProps {
  const { env, path = "" } = template;
  const source = template.tmplStr!;
  // What the environment gives the compiler besides the text: a template compiled for another
  // environment (other options, filters or tags) is another file.
  const setting = hash(
    JSON.stringify([
      path,
      env.opts,
      env.asyncFilters,
      env.extensionsList.map((e) => [e.__name, e.tags, String(e.parse), String(e.preprocess)]),
    ]),
  );
  const key = `${setting}-${hash(source)}`;
  const known = inMemory.get(setting);
  if (known?.key === key) return known.props;
  const file = join(store, `${key}.js`);
  let props = fromCode(readOrNothing(file));
  if (!props) {
    const code = nunjucks.compiler.compile(source, env.asyncFilters, env.extensionsList, path, env.opts);
    props = fromCode(code);
    if (!props) throw new Error(`Nunjucks compiled ${path || "a template"} to code without a root`);
    keep(store, setting, file, code);
  }
  inMemory.set(setting, { key, props });
  return props;
}

/** The template's functions, as Nunjucks makes them from its code; nothing from code that is not that. */
function fromCode(code: string | undefined): CompiledProps | undefined {
  if (code === undefined) return undefined;
  try {
    const props = new Function(code)() as CompiledProps | undefined;
    return typeof props?.root === "function" ? props : undefined;
  } catch {
    return undefined;
  }
}

function readOrNothing(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Writes the code whole (renamed into place, so a reader never finds half of it), and removes what
 * the same template compiled to before it was edited: one file per template and setting.
 */
function keep(store: string, setting: string, file: string, code: string): void {
  try {
    mkdirSync(store, { recursive: true });
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, code);
    renameSync(partial, file);
    for (const name of readdirSync(store))
      if (name.startsWith(`${setting}-`) && name.endsWith(".js") && join(store, name) !== file)
        rmSync(join(store, name), { force: true });
  } catch {
    // A store that cannot be written (a read-only checkout) only means compiling again next time.
  }
}

const hash = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);
