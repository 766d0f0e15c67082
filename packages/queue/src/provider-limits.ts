import { GlasshouseError } from '@glasshouse/schema';

export interface ProviderLimit {
  /** Episodes started per second on this provider, across all workers. */
  perSecond?: number;
  /** Episodes in flight on this provider, across all workers. */
  inFlight?: number;
}

/**
 * `--limit <provider>=<n>/s[,<m>]`, e.g. `openai=2/s,8` (2 episodes a second, 8 in flight) or
 * `anthropic=,4` (only in flight). Providers are queue providers: scripted, openai, anthropic,
 * openai-compatible@host:port.
 */
export function parseProviderLimits(specs: readonly string[]): Map<string, ProviderLimit> {
  const out = new Map<string, ProviderLimit>();
  for (const spec of specs) {
    const m = spec.match(/^([^=]+)=(?:(\d+(?:\.\d+)?)\/s)?(?:,(\d+))?$/);
    if (!m || (!m[2] && !m[3])) throw new GlasshouseError('CONFIG_INVALID', `--limit '${spec}': expected <provider>=<n>/s[,<in flight>], e.g. openai=2/s,8`);
    const perSecond = m[2] ? Number(m[2]) : undefined;
    if (perSecond !== undefined && (!Number.isInteger(perSecond) || perSecond < 1))
      throw new GlasshouseError('CONFIG_INVALID', `--limit '${spec}': episodes per second must be a whole number ≥ 1`);
    out.set((m[1] as string).trim(), { ...(perSecond ? { perSecond } : {}), ...(m[3] ? { inFlight: Number(m[3]) } : {}) });
  }
  return out;
}
