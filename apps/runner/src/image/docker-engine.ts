import { execFile, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** A Docker daemon this process started, private to it, and a client bound to its socket. */
export interface DockerEngine {
  /**
   * Runs `docker <args>` against this daemon; resolves to stdout, rejects with stderr. `env` is
   * added to the client's environment, so `-e NAME` passes a value without putting it in argv;
   * `withStderr` appends the command's stderr (where `docker logs` puts a container's stderr).
   */
  docker(args: string[], options?: { timeoutMs?: number; env?: Record<string, string>; withStderr?: boolean }): Promise<string>;
  /** Stops the daemon and removes its state. */
  stop(): Promise<void>;
}

/** Where Debian's `docker.io` puts the daemon and its matching client. */
const DOCKERD = '/usr/sbin/dockerd';
const DOCKER_CLIENT = '/usr/bin/docker';

/**
 * Installs Debian's `docker.io` when the daemon is missing and this is a root shell with
 * apt-get; returns why it could not otherwise.
 */
export function ensureDockerInstalled(): string | undefined {
  if (existsSync(DOCKERD) && existsSync(DOCKER_CLIENT)) return undefined;
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    return `${DOCKERD} is missing; install Debian's docker.io (apt-get install docker.io)`;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', 'docker.io'],
  ]) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8' });
    if (result.status !== 0) return `apt-get ${args.join(' ')} failed: ${result.stderr.trim()}`;
  }
  return undefined;
}

/** Unmounts what the daemon left mounted under `home` (its network namespace file), deepest first. */
function unmountUnder(home: string): void {
  if (!existsSync('/proc/self/mounts')) return;
  const mounts = readFileSync('/proc/self/mounts', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(`${home}/`))
    .sort((a, b) => b.length - a.length);
  for (const point of mounts) spawnSync('umount', ['-l', point]);
}

/** Waits until the daemon answers on its socket, or fails after `timeoutMs`. */
async function waitForDaemon(engine: DockerEngine, daemon: ChildProcess, log: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (daemon.exitCode !== null) throw new Error(`dockerd exited with ${daemon.exitCode}: ${log()}`);
    try {
      await engine.docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 5_000 });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`dockerd did not answer within ${timeoutMs} ms: ${log()}`);
}

/**
 * Starts a private Docker daemon with no bridge network and no iptables rules, so containers
 * run with `--network host` or `--network none` and nothing leaves loopback. Its data, socket
 * and pid file live in a temporary directory removed by `stop()`.
 */
export async function startDockerEngine(timeoutMs = 60_000): Promise<DockerEngine> {
  const home = await mkdtemp(join(tmpdir(), 'c1-dockerd-'));
  const socket = join(home, 'docker.sock');
  let output = '';
  const daemon = spawn(
    DOCKERD,
    [
      '--bridge=none',
      '--iptables=false',
      '--ip6tables=false',
      `--data-root=${join(home, 'data')}`,
      `--exec-root=${join(home, 'exec')}`,
      `--pidfile=${join(home, 'dockerd.pid')}`,
      `--host=unix://${socket}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const collect = (chunk: Buffer) => {
    output = `${output}${chunk.toString()}`.slice(-4_000);
  };
  daemon.stdout?.on('data', collect);
  daemon.stderr?.on('data', collect);
  const engine: DockerEngine = {
    async docker(args, options = {}) {
      const env = { ...process.env, ...options.env, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: '0' };
      const { stdout, stderr } = await execFileAsync(DOCKER_CLIENT, args, {
        env,
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      return options.withStderr ? `${stdout}${stderr}` : stdout;
    },
    async stop() {
      if (daemon.exitCode === null) {
        daemon.kill('SIGTERM');
        await new Promise((resolve) => daemon.once('exit', resolve));
      }
      unmountUnder(home);
      await rm(home, { recursive: true, force: true });
    },
  };
  try {
    await waitForDaemon(engine, daemon, () => output, timeoutMs);
  } catch (error) {
    await engine.stop();
    throw error;
  }
  return engine;
}
