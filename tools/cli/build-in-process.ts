import { Progress } from "../core/progress.ts";
import { workspaceAt } from "../core/workspace.ts";
import { type JsonSiteResult, runBuild } from "./build-command.ts";
import { describeError } from "./run-cli.ts";

/**
 * `portal build --json <site...>` for a caller in its own process: Nx's executor
 * (nx-plugin/build-executor.ts), for a task that builds one site. It resolves to the exit code the
 * command would have ended with, and never rejects: what the CLI would print on its way out
 * (run-cli.ts), it prints, and the code is 1.
 */
export async function buildInProcess(
  root: string,
  sites: string[],
  onResult: (result: JsonSiteResult) => void,
): Promise<number> {
  const progress = new Progress();
  const internal = (what: string) => {
    console.error(`Internal error: portal build ${what}, during ${progress.describe()}.`);
    return 1;
  };
  // A step that never settles lets the process run out of work (run-cli.ts says when that
  // happened): the caller then gets this failure instead of ending with no result.
  let stalled: (() => void) | undefined;
  const stall = new Promise<number>((resolve) => {
    stalled = () => resolve(internal("stopped before it finished (a step never completed and reported nothing)"));
    process.once("beforeExit", stalled);
  });
  try {
    return await Promise.race([runBuild(workspaceAt(root), sites, { json: true, progress, onJson: onResult }), stall]);
  } catch (error) {
    return internal(`failed: ${describeError(error)}`);
  } finally {
    if (stalled) process.off("beforeExit", stalled);
  }
}
