import type { RunContext } from "../run-context.ts";
import type { PageContext } from "../types.ts";

/** What a filter sees as `this` in Nunjucks: Eleventy's `page`, and the template's variables. */
export interface FilterThis {
  page: PageContext;
  ctx: Record<string, unknown>;
}

// biome-ignore lint/suspicious/noExplicitAny: filters take what templates pass them
export type FilterFunction = (this: FilterThis, ...args: any[]) => unknown;

/**
 * One template filter: its name in templates, and how to make it for a run (`make` receives the
 * run's context, so a filter never reaches for global state). `async` filters return a promise.
 */
export interface FilterDefinition {
  name: string;
  async: boolean;
  make: (run: RunContext) => FilterFunction;
}

export function defineFilter(
  name: string,
  make: (run: RunContext) => FilterFunction,
  options: { async?: boolean } = {},
): FilterDefinition {
  return { name, async: options.async ?? false, make };
}
