import { GlasshouseError } from '@glasshouse/schema';

export interface RetryOptions {
  /** Attempts after the first (default 4). */
  maxRetries?: number;
  /** First backoff in ms (default 500), doubled each time, capped at 30 s. */
  baseDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default: no jitter, deterministic). */
  random?: () => number;
  /** Called before each retry (for logging / tests). */
  onRetry?: (info: { attempt: number; delayMs: number; status: number | null; message: string }) => void;
}

export interface ProviderFailure {
  status: number | null;
  message: string;
  retryAfterMs?: number;
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** 429, 5xx, timeouts and connection errors are worth retrying; other 4xx are not. */
export function isRetryable(f: ProviderFailure): boolean {
  return f.status === null || f.status === 408 || f.status === 409 || f.status === 429 || f.status >= 500;
}

/** Parse a Retry-After header (seconds or HTTP date) into ms. */
export function retryAfterMs(value: string | null | undefined, nowMs = 0): number | undefined {
  if (!value) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isFinite(at) && nowMs ? Math.max(0, at - nowMs) : undefined;
}

/**
 * Run a provider request with exponential backoff. `classify` turns a thrown error into a
 * ProviderFailure (status, message, Retry-After). Non-retryable failures, and retryable ones once
 * retries are exhausted, become GlasshouseError('PROVIDER_ERROR') naming the provider and status.
 */
export async function withRetry<T>(label: string, fn: () => Promise<T>, classify: (err: unknown) => ProviderFailure, opts: RetryOptions = {}): Promise<T> {
  const max = opts.maxRetries ?? 4;
  const sleep = opts.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof GlasshouseError) throw err;
      const f = classify(err);
      if (!isRetryable(f) || attempt >= max) {
        const why = f.status === null ? f.message : `HTTP ${f.status}: ${f.message}`;
        throw new GlasshouseError(
          'PROVIDER_ERROR',
          `${label}: ${why}${attempt > 0 ? ` (after ${attempt + 1} attempts)` : ''}`,
          { status: f.status, attempts: attempt + 1 },
          { cause: err },
        );
      }
      const backoff = Math.min(30_000, (opts.baseDelayMs ?? 500) * 2 ** attempt) * (1 + (opts.random ? opts.random() * 0.25 : 0));
      const delayMs = Math.round(f.retryAfterMs ?? backoff);
      opts.onRetry?.({ attempt: attempt + 1, delayMs, status: f.status, message: f.message });
      await sleep(delayMs);
    }
  }
}
