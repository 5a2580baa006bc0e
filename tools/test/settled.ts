import type { Page, Request } from "playwright-core";

/**
 * Follows a page's requests, so a test can wait until every one the page started has finished:
 * the condition `waitForLoadState("networkidle")` only approximates with 500 ms of silence, which
 * Playwright discourages and which costs that half second on every page. Start following before
 * the first `goto`.
 */
export function followRequests(page: Page): { settled: (timeoutMs?: number) => Promise<void> } {
  const pending = new Set<Request>();
  page.on("request", (request) => pending.add(request));
  page.on("requestfinished", (request) => pending.delete(request));
  page.on("requestfailed", (request) => pending.delete(request));
  return {
    async settled(timeoutMs = 15_000): Promise<void> {
      // Two frames: layout has run, so images near the viewport (lazy ones too) have been asked for.
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      for (const deadline = Date.now() + timeoutMs; pending.size > 0; ) {
        if (Date.now() > deadline)
          throw new Error(
            `${page.url()}: requests still pending after ${timeoutMs} ms: ${[...pending].map((r) => r.url()).join(", ")}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
}
