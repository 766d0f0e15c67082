import { createHash } from 'node:crypto';
import { parseAgentSpec } from '@glasshouse/agents';

/** Redis keys this package owns besides BullMQ's own (`bull:<queue>:…`). */
export const RUNS_KEY = 'glasshouse:runs';
export const resultsKey = (runId: string) => `glasshouse:results:${runId}`;

/**
 * The provider an agent spec talks to: one queue per provider, so BullMQ's per-queue rate and
 * concurrency limits (shared by every worker) are per-provider limits. `scripted` agents call nothing.
 */
export function providerOf(spec: string): string {
  let s: ReturnType<typeof parseAgentSpec>;
  try {
    s = parseAgentSpec(spec);
  } catch {
    // A spec only an injected agent factory understands: its kind (text before ':') is its provider.
    return spec.split(':')[0] || 'custom';
  }
  if (s.kind === 'scripted') return 'scripted';
  if (s.baseURL) {
    let host = s.baseURL;
    try {
      host = new URL(s.baseURL).host;
    } catch {
      /* not a URL: keep it as written */
    }
    return `openai-compatible@${host}`;
  }
  return s.kind;
}

/** One hash over the versions that shape records: workers of other versions never see the queues. */
export function versionHash(versions: Record<string, string>): string {
  const sorted = Object.fromEntries(Object.entries(versions).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 12);
}

export function queueName(hash: string, provider: string): string {
  return `glasshouse.${hash}.${provider.replace(/[^a-zA-Z0-9._@-]/g, '_')}`;
}

/** BullMQ job id: the episode key within its run, so adding the same episode twice is a no-op. */
export const jobIdOf = (runId: string, key: string) => `${runId}.${key}`;
