/**
 * What the compiled CLI's script gives its two callers (tools/cli/compiled-cli.mjs): the command
 * line (portal.mjs) and `portal build` in the caller's process (Nx's executor, for one site:
 * nx-plugin/build-executor.ts). One script for both: V8's cache of its code, left by whichever
 * builds first, serves the other.
 */
export { runPortal } from "./portal-command-line.ts";
export { buildInProcess } from "./build-in-process.ts";
