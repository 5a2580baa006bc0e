import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { startDaemon } from "./daemon.ts";

describe("a server the tests start", () => {
  const sh = (script: string) =>
    startDaemon("sh", "/bin/sh", ["-c", script], { ready: (output) => output.includes("siap") });

  it("says how it ended: its own exit code, or the signal that killed it", async () => {
    const exiting = await sh("echo siap; sleep 0.2; exit 3");
    assert.equal(exiting.ended(), undefined, "running");
    await new Promise((resolve) => exiting.process.once("exit", resolve));
    assert.equal(exiting.ended(), "exited with code 3");

    const killed = await sh("echo siap; sleep 30");
    const gone = new Promise((resolve) => killed.process.once("exit", resolve));
    killed.process.kill("SIGKILL");
    await gone;
    assert.equal(killed.ended(), "killed by SIGKILL");
  });
});
