import type { Locator } from "playwright-core";

/**
 * Retries `check` until it holds or `timeoutMs` passes, as Playwright's web-first assertions do
 * (`expect(...).toPass()`, which playwright-core lacks): every try resolves its locators again, so a
 * frame or element that was replaced meanwhile is found anew. Use it only for a condition no
 * Playwright wait expresses, and say at the call what changes underneath. Fails with `what` and the
 * last error, so a timeout says why.
 */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = "it stayed false";
  for (;;) {
    try {
      if (await check()) return;
      last = "it stayed false";
    } catch (error) {
      last = error instanceof Error ? error.message.split("\n")[0] : error;
    }
    if (Date.now() >= deadline) throw new Error(`${what}: not within ${timeoutMs} ms (${String(last)})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Waits until `image` has loaded pixels, as the reader sees them: a visible <img> whose file failed
 * shows only its alt text, so visibility alone proves nothing.
 */
export async function imageLoaded(image: Locator, what: string, timeoutMs = 15_000): Promise<void> {
  await image.waitFor({ state: "visible", timeout: timeoutMs });
  await eventually(
    what,
    () =>
      image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0, undefined, { timeout: 1_000 }),
    timeoutMs,
  );
}
