export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

export type BridgeFunction = (...args: JsonValue[]) => JsonValue | Promise<JsonValue>;

export interface SandboxOptions {
  /** Isolate heap limit (default 64 MB). */
  memoryLimitMb?: number;
  /** CPU time per run inside the isolate (default 1000 ms). */
  cpuTimeoutMs?: number;
  /** Host watchdog per run: disposes the isolate when exceeded (default 5000 ms). */
  wallTimeoutMs?: number;
  /** Per bridged call, for host functions that return promises (default 2000 ms). */
  hostCallTimeoutMs?: number;
  /** Cap on console output and on the serialized result (default 64 KiB each). */
  maxOutputBytes?: number;
  /** Cap on data crossing the bridge per call, each direction (default 1 MiB). */
  maxArgBytes?: number;
  /** Exposed inside the isolate as `host.<name>(...)`. Arguments and results are copied as JSON. */
  bridge?: Record<string, BridgeFunction>;
  /** Every bridged call is reported here (the engine records them). */
  onBridgeCall?: (e: { fn: string; args: JsonValue[]; ok: boolean; error?: string }) => void;
  /** Math.random inside the isolate. */
  random?: () => number;
  /** Date.now() / new Date() inside the isolate. */
  now?: () => number;
}

export type SandboxErrorCode = 'SANDBOX_TIMEOUT' | 'SANDBOX_MEMORY' | 'SANDBOX_OUTPUT_LIMIT' | 'SANDBOX_DISPOSED' | 'SANDBOX_ERROR';

export type SandboxResult =
  | { ok: true; value: JsonValue; logs: string; truncated: boolean }
  | { ok: false; error: { code: SandboxErrorCode; message: string }; logs: string; truncated: boolean };
