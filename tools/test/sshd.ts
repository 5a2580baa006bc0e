import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "./browser.ts";
import { listening, startDaemon } from "./daemon.ts";

/**
 * A real OpenSSH server (Debian's sshd) on a free loopback port, accepting one key made for the
 * test, so deploys to `user@127.0.0.1:dir` go through ssh and rsync as they do to a server.
 * `sshOptions` is what DEPLOY_SSH would hold.
 */
export interface RunningSshd {
  port: number;
  user: string;
  sshOptions: string;
  stop: () => Promise<void>;
}

export const sshdPath = "/usr/sbin/sshd";

export async function startSshd(): Promise<RunningSshd> {
  const dir = await mkdtemp(join(tmpdir(), "portal-sshd-"));
  const port = await freePort();
  const keygen = (file: string) =>
    spawnSync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", file], { encoding: "utf8" });
  keygen(join(dir, "host_key"));
  keygen(join(dir, "client_key"));
  await writeFile(join(dir, "authorized_keys"), await readFile(join(dir, "client_key.pub")));
  const user = userInfo().username;
  await writeFile(
    join(dir, "sshd_config"),
    [
      `Port ${port}`,
      "ListenAddress 127.0.0.1",
      `HostKey ${dir}/host_key`,
      `AuthorizedKeysFile ${dir}/authorized_keys`,
      `PidFile ${dir}/sshd.pid`,
      "PasswordAuthentication no",
      "KbdInteractiveAuthentication no",
      "PubkeyAuthentication yes",
      // Tests run as root in CI, with keys in a temporary folder.
      "PermitRootLogin prohibit-password",
      "StrictModes no",
      "UsePAM no",
      "",
    ].join("\n"),
  );
  // sshd insists on its privilege separation folder.
  if (!existsSync("/run/sshd")) spawnSync("mkdir", ["-p", "/run/sshd"]);
  const { stop } = await startDaemon("sshd", sshdPath, ["-D", "-e", "-f", join(dir, "sshd_config")], {
    ready: () => listening(port),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  });
  const sshOptions = `-p ${port} -i ${dir}/client_key -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR`;
  return { port, user, sshOptions, stop };
}
