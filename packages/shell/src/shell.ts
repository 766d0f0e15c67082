import { Bash, getCommandNames } from 'just-bash';
import { createRng } from '@glasshouse/schema';
import type { Clock } from '@glasshouse/schema';
import { withEpisodeHost } from './episode-host';
import type { EpisodeHost } from './episode-host';
import type { World } from '@glasshouse/world';
import { WorldFsAdapter } from './world-fs-adapter';
import { officeCommands } from './office-commands';
import { lsCommand } from './ls-command';

export interface ShellOptions {
  clock: Clock;
  /** The episode's random stream for `$RANDOM` and friends (default: a fixed seeded stream). */
  random?: () => number;
  username?: string;
  hostname?: string;
  /** Cap per output stream, in bytes (default 64 KiB). */
  maxOutputBytes?: number;
  /** Wall-clock limit per command line, in ms (default 10 s). */
  timeoutMs?: number;
}

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  truncated: boolean;
}

export interface Shell {
  exec(command: string, opts?: { signal?: AbortSignal; stdin?: string }): Promise<ShellResult>;
}

/** Commands that exist only to say "command not found" (see officeCommands). */
const MISSING = new Set(['python', 'python3', 'node', 'js-exec', 'curl', 'wget', 'ssh', 'scp', 'sqlite3']);

function cap(text: string, max: number): { text: string; cut: boolean } {
  if (Buffer.byteLength(text) <= max) return { text, cut: false };
  const head = Buffer.from(text).subarray(0, max).toString('utf8');
  return { text: `${head}\n[output truncated: ${Buffer.byteLength(text) - max} more bytes]\n`, cut: true };
}

/**
 * A bash shell over the world's filesystem (just-bash). No network, no Python/JS runtimes; the
 * clock, randomness, timezone (UTC), locale (en-US) and identity come from the episode (see
 * episode-host.ts); every file operation goes through the world and is logged.
 */
export function createShell(world: World, opts: ShellOptions): Shell {
  const username = opts.username ?? world.env.USER ?? 'user';
  const hostname = opts.hostname ?? 'ws-0417';
  const maxOut = opts.maxOutputBytes ?? 64 * 1024;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const fs = new WorldFsAdapter(world);
  const custom = [...officeCommands({ clock: opts.clock, username, hostname }), lsCommand({ clock: opts.clock, username })];
  fs.setCommands([...getCommandNames(), ...custom.map((c) => c.name)].filter((n) => !MISSING.has(n)));
  const fallback = createRng(0, 'shell');
  // just-bash enforces its time limit with Date.now(), which reads the episode clock here (virtual
  // time does not move during a command). Past the command's real deadline the episode host's time
  // jumps far ahead, so the limit fires; a timed-out command's output is host-dependent anyway.
  let deadline = Number.POSITIVE_INFINITY;
  const OVERRUN_MS = 365 * 24 * 3600 * 1000;
  const host: EpisodeHost = { now: () => opts.clock.now() + (performance.now() > deadline ? OVERRUN_MS : 0), random: opts.random ?? (() => fallback.next()) };
  const bash = withEpisodeHost(
    host,
    () =>
      new Bash({
        fs,
        cwd: world.cwd,
        env: {
          HOME: world.env.HOME ?? world.cwd,
          USER: username,
          LOGNAME: username,
          HOSTNAME: hostname,
          SHELL: '/bin/bash',
          PATH: '/usr/local/bin:/usr/bin:/bin',
          LANG: 'en_US.UTF-8',
          TERM: 'xterm-256color',
          ...world.env,
        },
        customCommands: custom,
        executionLimits: { maxExecutionTimeMs: timeoutMs, maxCommandCount: 200_000, maxLoopIterations: 200_000 },
        processInfo: { pid: 4182, ppid: 4101, uid: 1000, gid: 1000 },
        sleep: async () => undefined,
        // just-bash's optional global-patching layer is off: the filesystem is the world's in-memory
        // volume (isolated by construction) and the host globals are scoped by withEpisodeHost.
        defenseInDepth: false,
      }),
  );
  return {
    async exec(command, execOpts = {}) {
      const controller = new AbortController();
      const onAbort = () => controller.abort();
      execOpts.signal?.addEventListener('abort', onAbort);
      const timer = setTimeout(() => controller.abort(), timeoutMs);
      deadline = performance.now() + timeoutMs;
      fs.resetYield();
      try {
        // Each call starts from a fresh shell: forget command locations cached by earlier calls, so a
        // call's filesystem accesses do not depend on what ran before (forks reproduce them exactly).
        const r = await withEpisodeHost(host, async () => {
          await bash.exec('hash -r', { rawScript: true });
          return bash.exec(command, { signal: controller.signal, rawScript: true, ...(execOpts.stdin !== undefined ? { stdin: execOpts.stdin } : {}) });
        });
        const out = cap(r.stdout, maxOut);
        const err = cap(r.stderr, maxOut);
        const timedOut = controller.signal.aborted && !execOpts.signal?.aborted;
        return {
          stdout: out.text,
          stderr: timedOut ? `${err.text}bash: command timed out after ${timeoutMs} ms\n` : err.text,
          exitCode: timedOut ? 124 : r.exitCode,
          truncated: out.cut || err.cut,
        };
      } catch (e) {
        const timedOut = controller.signal.aborted;
        return {
          stdout: '',
          stderr: timedOut ? `bash: command timed out after ${timeoutMs} ms\n` : `bash: ${(e as Error).message}\n`,
          exitCode: timedOut ? 124 : 1,
          truncated: false,
        };
      } finally {
        deadline = Number.POSITIVE_INFINITY;
        clearTimeout(timer);
        execOpts.signal?.removeEventListener('abort', onAbort);
      }
    },
  };
}
