export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type BridgeFunction = (...args: JsonValue[]) => JsonValue | Promise<JsonValue>;

export interface SandboxOptions {
  /**
   * Where the isolate lives. `process` (default): in a supervised child process of the shared host
   * pool, so nothing the code does can take this process down. `inline`: in this process — only for
   * trusted code (measured as the fast path in `pnpm bench`).
   */
  host?: 'process' | 'inline';
  /** Sandboxes with the same group (an episode) share a host process; different groups get their own while the pool has room. */
  group?: string;
  /** Isolate heap limit (default 64 MB). */
  memoryLimitMb?: number;
  /** CPU time per run inside the isolate (default 1000 ms). */
  cpuTimeoutMs?: number;
  /** Watchdog per run: disposes the isolate when exceeded (default 5000 ms); the supervisor kills the process if it does not answer shortly after. */
  wallTimeoutMs?: number;
  /** Per bridged call, for host functions that return promises (default 2000 ms). */
  hostCallTimeoutMs?: number;
  /** Cap on console output and on the serialized result (default 64 KiB each). */
  maxOutputBytes?: number;
  /** Cap on data crossing the bridge per call, each direction (default 1 MiB). */
  maxArgBytes?: number;
  /** Cap on bridged calls in one run (default 10,000); further calls throw inside the script. */
  maxBridgeCalls?: number;
  /** Exposed inside the isolate as `host.<name>(...)`. Arguments and results are copied as JSON. */
  bridge?: Record<string, BridgeFunction>;
  /** Every bridged call is reported here (the engine records them). */
  onBridgeCall?: (e: { fn: string; args: JsonValue[]; ok: boolean; error?: string }) => void;
  /** Seed of Math.random inside the isolate (default 0). */
  seed?: number | string;
  /** The virtual time a run starts at (Date, Intl, performance inside the isolate); default 0. */
  now?: () => number;
  /** Default time zone and locale for Intl and Date locale methods inside the isolate (default UTC, en-US). */
  timeZone?: string;
  locale?: string;
  /** A new context for every run, so one run cannot leave anything for the next (service logic). */
  freshContextPerRun?: boolean;
  /** Freeze the built-ins of each context after the prelude (service logic). */
  freezeIntrinsics?: boolean;
  /**
   * With `freshContextPerRun`: make each run's context in one isolate its process keeps for all
   * such sandboxes (per memory limit) instead of an isolate of this sandbox's own, and run them one
   * at a time process-wide. A context shares nothing with the next, so this is for service logic:
   * it saves an isolate per episode (≈ 2 ms). A killed run resets the shared isolate.
   */
  shareIsolate?: boolean;
}

export type SandboxErrorCode = 'SANDBOX_TIMEOUT' | 'SANDBOX_MEMORY' | 'SANDBOX_OUTPUT_LIMIT' | 'SANDBOX_DISPOSED' | 'SANDBOX_ERROR' | 'SANDBOX_CRASHED';

/** What the supervisor knows about a host process that died while running a script. */
export interface SandboxFault {
  message: string;
  exitCode: number | null;
  signal: string | null;
  /** Last lines the process wrote to stderr (V8 fatal errors land here). */
  stderrTail: string;
  /** Killed from outside after overrunning its wall time. */
  overrun: boolean;
  outOfMemory: boolean;
}

export type SandboxResult =
  | { ok: true; value: JsonValue; logs: string; truncated: boolean }
  | { ok: false; error: { code: SandboxErrorCode; message: string }; logs: string; truncated: boolean; fault?: SandboxFault };
