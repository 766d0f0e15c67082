import { defineCommand } from 'just-bash';
import type { Clock } from '@glasshouse/schema';

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** strftime for the common directives, always UTC (the workstation's timezone). */
export function formatDate(ms: number, fmt: string): string {
  const d = new Date(ms);
  const map: Record<string, () => string> = {
    Y: () => String(d.getUTCFullYear()),
    y: () => p2(d.getUTCFullYear() % 100),
    m: () => p2(d.getUTCMonth() + 1),
    d: () => p2(d.getUTCDate()),
    e: () => String(d.getUTCDate()).padStart(2, ' '),
    H: () => p2(d.getUTCHours()),
    M: () => p2(d.getUTCMinutes()),
    S: () => p2(d.getUTCSeconds()),
    s: () => String(Math.floor(ms / 1000)),
    F: () => `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`,
    T: () => `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`,
    a: () => DAYS[d.getUTCDay()] as string,
    b: () => MONTHS[d.getUTCMonth()] as string,
    Z: () => 'UTC',
    z: () => '+0000',
    '%': () => '%',
  };
  return fmt.replace(/%([a-zA-Z%])/g, (m, k: string) => (map[k] ? map[k]() : m));
}

/**
 * Commands whose real versions would read the host (clock, identity) or reveal the emulator.
 * They answer from the injected clock and the configured workstation identity.
 */
export function officeCommands(opts: { clock: Clock; username: string; hostname: string }) {
  const date = defineCommand('date', async (args) => {
    const fmtArg = args.find((a) => a.startsWith('+'));
    const ms = opts.clock.now();
    const out = fmtArg ? formatDate(ms, fmtArg.slice(1)) : formatDate(ms, '%a %b %e %H:%M:%S UTC %Y');
    return { stdout: `${out}\n`, stderr: '', exitCode: 0 };
  });
  const hostname = defineCommand('hostname', async () => ({ stdout: `${opts.hostname}\n`, stderr: '', exitCode: 0 }));
  const whoami = defineCommand('whoami', async () => ({ stdout: `${opts.username}\n`, stderr: '', exitCode: 0 }));
  const uname = defineCommand('uname', async (args) => {
    const all = args.includes('-a');
    const out = all
      ? `Linux ${opts.hostname} 6.1.0-27-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.115-1 (2024-11-01) x86_64 GNU/Linux`
      : args.includes('-r')
        ? '6.1.0-27-amd64'
        : args.includes('-n')
          ? opts.hostname
          : 'Linux';
    return { stdout: `${out}\n`, stderr: '', exitCode: 0 };
  });
  const id = defineCommand('id', async () => ({
    stdout: `uid=1000(${opts.username}) gid=1000(${opts.username}) groups=1000(${opts.username}),27(sudo)\n`,
    stderr: '',
    exitCode: 0,
  }));
  // Interpreters the workstation does not have: answer like a machine without them (just-bash's own
  // message would mention its browser build).
  const missing = ['python', 'python3', 'node', 'js-exec', 'curl', 'wget', 'ssh', 'scp'].map((name) =>
    defineCommand(name, async () => ({ stdout: '', stderr: `bash: ${name}: command not found\n`, exitCode: 127 })),
  );
  const ps = defineCommand('ps', async () => ({
    stdout: `    PID TTY          TIME CMD\n   4101 pts/0    00:00:00 bash\n   4182 pts/0    00:00:00 ps\n`,
    stderr: '',
    exitCode: 0,
  }));
  return [date, hostname, whoami, uname, id, ps, ...missing];
}
