import { InternalError } from "./internal-error.ts";

/**
 * Where a command is, for the one message it must give if it stops in a way nothing reported: a
 * promise that never settles lets Node run out of work and exit 0 with nothing printed (what a
 * single bad image reference once did to every site of a build). The CLI reads this when that
 * happens, and time limits name it in their errors.
 */
export class Progress {
  #stage = "start";
  #sites: readonly string[] = [];
  #listeners = new Set<(stage: string) => void>();

  enter(stage: string, sites: readonly string[] = []): void {
    const changed = stage !== this.#stage;
    this.#stage = stage;
    this.#sites = sites;
    if (changed) for (const listener of this.#listeners) listener(stage);
  }

  get stage(): string {
    return this.#stage;
  }

  /** Calls `listener` with each new stage (not again for the same stage's next sites); returns how to stop. */
  onStage(listener: (stage: string) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  describe(): string {
    const sites =
      this.#sites.length > 8
        ? `${this.#sites.slice(0, 8).join(", ")} and ${this.#sites.length - 8} more`
        : this.#sites.join(", ");
    return `${this.#stage}${sites ? ` (sites: ${sites})` : ""}`;
  }
}

/**
 * Rejects with `Internal error: <what> did not finish within <n> s` when `work` takes longer.
 * The timer does not keep the process alive by itself: if everything else has stopped, the CLI's
 * own check reports it at once instead of waiting for the limit.
 */
export function withTimeLimit<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new InternalError(`${what} did not finish within ${Math.round(ms / 1000)} s`)), ms);
    timer.unref();
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/**
 * Time limits of the build's steps (after eleventy-img's global-options.js: every default in one
 * place, with its reason). Generous: they exist to turn a hang into an error naming its step,
 * never to cut a slow but working build short.
 */
export const timeLimits = {
  /** Eleventy writing nothing at all (no page, no image) for this long is a hang. */
  eleventyStallMs: 10 * 60_000,
  /** One page's images: a cold AVIF+WebP+JPEG encode of a phone photo takes about 3 s here. */
  pageImagesMs: (images: number) => 120_000 + images * 30_000,
  /** Pagefind indexing one site (the demo's largest: under a second). */
  searchIndexMs: 5 * 60_000,
} as const;
