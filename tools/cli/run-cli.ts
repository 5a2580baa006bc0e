import { Progress } from "../core/progress.ts";

/**
 * Runs one CLI command so that it can never end silently or with a false success: CI, Nx, the
 * deploy workflow and `npm start` all read the exit code. Whatever happens, the process ends
 * with a line saying what happened and a code to match:
 * - the command's own code, once it finished and printed what it did;
 * - 1 and "Internal error: ..." naming the command and its stage when it throws, rejects, leaves
 *   a rejection unhandled, or stops without finishing (a promise that never settles lets Node run
 *   out of work and exit 0 with nothing printed: a single bad image reference once did that to
 *   every site of a build);
 * - 1 when it finished with 0 but printed nothing at all.
 */
export async function runCli(name: string, command: (progress: Progress) => Promise<number>): Promise<void> {
  const progress = new Progress();
  let printed = 0;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    stream.write = ((...args: unknown[]) => {
      printed += String(args[0] ?? "").length;
      return write(...args);
    }) as typeof stream.write;
  }
  let finished = false;
  const fail = (what: string) => {
    if (finished) return;
    finished = true;
    console.error(`Internal error: ${name} ${what}, during ${progress.describe()}.`);
    process.exitCode = 1;
  };
  process.on("beforeExit", () => fail("stopped before it finished (a step never completed and reported nothing)"));
  process.on("uncaughtException", (error) => {
    fail(`failed: ${describeError(error)}`);
    process.exit(1);
  });
  process.on("unhandledRejection", (reason) => {
    // A build run listens for its own while it runs (pipeline/stages/render.ts), to fail only its sites.
    if (process.listenerCount("unhandledRejection") > 1) return;
    fail(`failed: ${describeError(reason)}`);
    process.exit(1);
  });
  let code: number;
  try {
    code = await command(progress);
  } catch (error) {
    return fail(`failed: ${describeError(error)}`);
  }
  if (finished) return;
  finished = true;
  if (code === 0 && printed === 0) {
    console.error(`Internal error: ${name} finished without reporting anything, during ${progress.describe()}.`);
    code = 1;
  }
  process.exitCode = code;
}

/** The message, and where it came from: an internal error is ours to find. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const where = error.stack?.split("\n").slice(1, 6).join("\n");
  return `${error.message.replace(/^Internal error: /, "")}${where ? `\n${where}` : ""}`;
}
