import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * Server-sent events telling open pages that their site was rebuilt (reload) or failed to build
 * (show the problems over the page, in Indonesian, so an editor sees what to fix). Dev server only:
 * nothing of this is in the built sites.
 */
export const eventsPath = "/__portal/events";

export interface BuildEvent {
  slug: string;
  ok: boolean;
  problems: string[];
}

export class LiveReload {
  #clients = new Map<ServerResponse, string>();
  /** Successful builds per site since the server started: a page knows which one it was served from. */
  #builds = new Map<string, number>();
  /** Why each site's last build failed, for pages opened after it: they show the last good version. */
  #failures = new Map<string, BuildEvent>();
  /** A failure before any site could be built (portal.json): every site shows it. */
  #fatal: string[] | undefined;

  connect(req: IncomingMessage, res: ServerResponse, slug: string): void {
    res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-cache", Connection: "keep-alive" });
    // A rebuild that finished between serving the page and this connection would otherwise be
    // missed: the client compares this number with the one in its page and reloads if it is newer.
    res.write(`event: build\ndata: ${this.build(slug)}\n\n`);
    const failure = this.#fatal ? { slug, ok: false, problems: this.#fatal } : this.#failures.get(slug);
    if (failure) res.write(`data: ${JSON.stringify(failure)}\n\n`);
    this.#clients.set(res, slug);
    req.on("close", () => this.#clients.delete(res));
  }

  notify(event: BuildEvent): void {
    this.#fatal = undefined;
    if (event.ok) {
      this.#builds.set(event.slug, this.build(event.slug) + 1);
      this.#failures.delete(event.slug);
    } else this.#failures.set(event.slug, event);
    for (const [res, slug] of this.#clients) {
      if (slug === event.slug) res.write(`data: ${JSON.stringify(event)}\n\n`);
    }
  }

  /** Nothing could be built (portal.json is broken, or the build itself failed): every page says why. */
  notifyAll(problems: string[]): void {
    this.#fatal = problems;
    for (const [res, slug] of this.#clients) res.write(`data: ${JSON.stringify({ slug, ok: false, problems })}\n\n`);
  }

  /** The page with the client that reloads it after its site's next build. */
  inject(html: string, slug: string): string {
    const script = client.replace("__BUILD__", String(this.build(slug)));
    return html.includes("</body>") ? html.replace("</body>", `${script}</body>`) : html + script;
  }

  private build(slug: string): number {
    return this.#builds.get(slug) ?? 0;
  }

  close(): void {
    for (const res of this.#clients.keys()) res.end();
    this.#clients.clear();
  }
}

const client = `<script>(() => {
  const source = new EventSource(${JSON.stringify(eventsPath)});
  source.addEventListener("build", (message) => {
    if (Number(message.data) > __BUILD__) location.reload();
  });
  source.onmessage = (message) => {
    const event = JSON.parse(message.data);
    if (event.ok) return location.reload();
    let box = document.getElementById("portal-build-errors");
    if (!box) {
      box = document.createElement("div");
      box.id = "portal-build-errors";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:50vh;overflow:auto;background:#8a1c1c;color:#fff;padding:1rem;font:14px/1.5 monospace;z-index:99;white-space:pre-wrap";
      document.body.append(box);
    }
    box.textContent = "Situs gagal dibangun; halaman ini versi terakhir yang berhasil.\\n\\n" + event.problems.join("\\n");
  };
})();</script>`;
