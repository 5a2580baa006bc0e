import { type ChildProcess, fork } from "node:child_process";
import { runnableModule } from "../core/runnable-module.ts";
import { type PreviewJob, type PreviewRenderer, type PreviewResult, renderFailed } from "../gateway/draft-previews.ts";

const workerFile = runnableModule(new URL("./preview-worker.ts", import.meta.url));

/**
 * The gateway's renderer of previews: a child process (preview-worker.ts), started at once so its
 * modules are loaded before the first save, started again if it dies. A render that has not
 * ended after `limitMs` ends the process (and fails that render alone).
 */
export function startPreviewRenderer(options: { limitMs?: number } = {}): PreviewRenderer {
  const limitMs = options.limitMs ?? 5 * 60_000;
  let child: ChildProcess | undefined;
  let next = 0;
  let closed = false;
  const waiting = new Map<number, { resolve: (r: PreviewResult) => void; job: PreviewJob; timer: NodeJS.Timeout }>();

  const failed = (job: PreviewJob, detail: string) => renderFailed(job.unit, detail);
  const start = () => {
    // Node's own options (the TypeScript loader, run from the sources) pass on; it needs no others.
    const worker = fork(workerFile.path, [], { stdio: ["ignore", "inherit", "inherit", "ipc"] });
    // Never what keeps the gateway's process alive: a process that ends ends its renderer (the
    // worker exits when its channel closes), so a renderer nobody closed cannot hang a stop.
    worker.unref();
    worker.channel?.unref();
    worker.on("message", (m: { id?: number; result?: PreviewResult }) => {
      const w = m.id === undefined ? undefined : waiting.get(m.id);
      if (!w || !m.result) return;
      clearTimeout(w.timer);
      waiting.delete(m.id!);
      w.resolve(m.result);
    });
    worker.on("exit", (code, signal) => {
      if (child === worker) child = undefined;
      // Every render it still owed fails with the reason; the next one starts a new process.
      for (const [id, w] of waiting) {
        clearTimeout(w.timer);
        waiting.delete(id);
        w.resolve(failed(w.job, `the preview renderer stopped (${signal ?? code})`));
      }
    });
    return worker;
  };
  child = start();

  return {
    render(job) {
      if (closed) return Promise.resolve(failed(job, "the gateway is stopping"));
      child ??= start();
      const worker = child;
      const id = next++;
      return new Promise((resolve) => {
        const timer = setTimeout(() => worker.kill("SIGKILL"), limitMs);
        timer.unref();
        waiting.set(id, { resolve, job, timer });
        worker.send({ id, job });
      });
    },
    async close() {
      closed = true;
      const worker = child;
      child = undefined;
      if (!worker || worker.exitCode !== null) return;
      // Waited for as work of this process (it is unref'd while it serves).
      worker.ref();
      await new Promise<void>((resolve) => {
        worker.once("exit", () => resolve());
        worker.kill("SIGTERM");
      });
    },
  };
}
