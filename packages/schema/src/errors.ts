/**
 * Harness faults. Tool failures are *results* the agent sees; these are errors in the harness
 * itself and carry a stable `code` so callers and records can match on them.
 */
export const ERROR_CODES = [
  'SCENARIO_INVALID',
  'SCENARIO_NOT_FOUND',
  'VARIANT_NOT_FOUND',
  'TOOL_NOT_FOUND',
  'TOOL_INPUT_INVALID',
  'TOOL_HANDLER_FAILED',
  'TOOL_TIMEOUT',
  'AGENT_OUTPUT_INVALID',
  'AGENT_FAILED',
  'STEP_LIMIT',
  'EPISODE_TIMEOUT',
  'EPISODE_ENDED',
  'SANDBOX_TIMEOUT',
  'SANDBOX_MEMORY',
  'SANDBOX_OUTPUT_LIMIT',
  'SANDBOX_DISPOSED',
  'SANDBOX_ERROR',
  'SANDBOX_CRASHED',
  'RECORD_CORRUPT',
  'RECORD_VERSION',
  'WORLD_PATH_INVALID',
  'REPLAY_DIVERGED',
  /** The live world and the world folded from the episode's own record differ (the episode is invalid). */
  'WORLD_DIVERGED',
  'BUDGET_EXCEEDED',
  'PROVIDER_ERROR',
  'CONFIG_INVALID',
  'QUEUE_UNAVAILABLE',
  'VERSION_MISMATCH',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class GlasshouseError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'GlasshouseError';
    this.code = code;
    this.details = details;
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return this.details ? { code: this.code, message: this.message, details: this.details } : { code: this.code, message: this.message };
  }
}

export function isGlasshouseError(value: unknown, code?: ErrorCode): value is GlasshouseError {
  return value instanceof GlasshouseError && (code === undefined || value.code === code);
}

/** Normalise anything thrown into a GlasshouseError, keeping an existing code. */
export function toGlasshouseError(value: unknown, fallback: ErrorCode = 'INTERNAL'): GlasshouseError {
  if (value instanceof GlasshouseError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new GlasshouseError(fallback, message, undefined, { cause: value });
}
