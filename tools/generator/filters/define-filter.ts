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
 * How a template uses a filter and what it prints: its documentation, and a test
 * (filters.test.ts renders every example in a real build of the mini fixture). Examples run on
 * dinkes's news page, where `site`, `c` (the unit's items by type), `page`, `contentType`,
 * `image` and `portal` are set, or on the hub's profile page with `on: "hub"`.
 */
export interface FilterExample {
  template: string;
  /** What the template prints; a pattern where it holds a hash or a whole document. */
  output: string | RegExp;
  on?: "hub";
}

/**
 * One template filter: how to make it for a run (`make` receives the run's context, so a filter
 * never reaches for global state) and its example. Its name is the name it is exported under in
 * index.ts. `async` filters return a promise.
 */
export interface FilterDefinition {
  async: boolean;
  make: (run: RunContext) => FilterFunction;
  example: FilterExample;
}

export function defineFilter(
  make: (run: RunContext) => FilterFunction,
  options: { async?: boolean; example: FilterExample },
): FilterDefinition {
  return { async: options.async ?? false, make, example: options.example };
}
