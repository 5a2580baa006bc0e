import { type PreviewJob, renderFailed } from "../gateway/draft-previews.ts";
import { renderDraftPreview } from "./draft-preview.ts";

/**
 * The process that renders drafts' previews for the editors' gateway (preview-renderer.ts forks
 * it): one render at a time, in the order asked, so a render never shares Eleventy's process-wide
 * caches with another, and the gateway's own process never stalls on a build.
 */
let queue: Promise<unknown> = Promise.resolve();

process.on("message", (message: { id: number; job: PreviewJob }) => {
  queue = queue.then(async () => {
    const result = await renderDraftPreview(message.job).catch((error: unknown) =>
      renderFailed(message.job.unit, error),
    );
    process.send?.({ id: message.id, result });
  });
});
// The gateway's process ended: so does this one (nothing else would end it).
process.on("disconnect", () => process.exit(0));
// Ready: the modules above are loaded (the first render does not wait for them).
process.send?.({ ready: true });
