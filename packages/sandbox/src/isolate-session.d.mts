import type { SandboxErrorCode } from './types';

/** Options an isolate session is created with (all resolved; see SandboxOptions for meanings). */
export interface SessionOptions {
  memoryLimitMb: number;
  cpuTimeoutMs: number;
  wallTimeoutMs: number;
  maxOutputBytes: number;
  maxBridgeCalls: number;
  names: string[];
  seedWords: [number, number, number, number];
  timeZone: string;
  locale: string;
  freshContextPerRun: boolean;
  freezeIntrinsics: boolean;
  /** With freshContextPerRun: make the contexts in this process's shared isolate (trusted service logic). */
  shareIsolate?: boolean;
}

export type SessionResult =
  | { ok: true; valueJson: string; logs: string; truncated: boolean }
  | { ok: false; error: { code: SandboxErrorCode; message: string }; logs: string; truncated: boolean };

export declare function scrubHostText(text: string): string;

export declare class IsolateSession {
  constructor(opts: SessionOptions, hostCall: (name: string, argsJson: string) => string | Promise<string>);
  readonly isolatesCreated: number;
  run(kind: 'script' | 'function', args: string[], nowMs: number): Promise<SessionResult>;
  dispose(): void;
}
