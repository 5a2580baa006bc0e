import { feedHtml } from "../image-transform.ts";
import type { PageContext } from "../types.ts";
import { recordImages } from "../used-images.ts";
import { defineFilter } from "./define-filter.ts";
import { InternalError } from "../../core/internal-error.ts";

/**
 * An item's body for a feed: images resolved as on the page, every address absolute.
 */
export default defineFilter(
  (run) => async (html: string, page: PageContext) => {
    const slug = run.paths.slugOfPage(page);
    if (!run.transformHtml) throw new InternalError("feedHtml before the image transform was registered");
    return feedHtml(run.transformHtml, html, page, run.urlsOf(run.bySlug.get(slug)!).self, (resolved) =>
      recordImages(run.outputOf(slug), resolved),
    );
  },
  {
    async: true,
    example: {
      template: "{{ '<p><a href=\"/berita/\">Berita</a></p>' | feedHtml(page) | safe }}",
      output: '<p><a href="https://dinkes.paserkab.go.id/berita/">Berita</a></p>',
    },
  },
);
