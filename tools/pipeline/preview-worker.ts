import type { PreviewJob, PreviewResult } from "../gateway/draft-previews.ts";
import { problem } from "../problems/problem.ts";
import { renderDraftPreview } from "./draft-preview.ts";

/**
 * The process that renders drafts' previews for the editors' gateway (preview-renderer.ts forks
 * it): one render at a time, in the order asked, so a render never shares Eleventy's process-wide
 * caches with another, and the gateway's own process never stalls on a build.
 */
let queue: Promise<unknown> = Promise.resolve();

process.on("message", (message: { id: number; job: PreviewJob }) => {
  queue = queue.then(async () => {
    const result: PreviewResult = await renderDraftPreview(message.job).catch((error: unknown) => ({
      ok: false as const,
      ms: 0,
      problems: [
        problem("build-failed", `sites/${message.job.unit}`, "", {
          detail: error instanceof Error ? error.message : String(error),
        }),
      ],
    }));
    process.send?.({ id: message.id, result });
  });
});
// The gateway's process ended: so does this one (nothing else would end it).
process.on("disconnect", () => process.exit(0));
// Ready: the modules above are loaded (the first render does not wait for them).
process.send?.({ ready: true });
