import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AgentPolicy } from '@glasshouse/schema';
import { policyAgent } from '@glasshouse/engine';
import { SCENARIOS } from '@glasshouse/scenarios';
import { readManifest, runMatrix } from '@glasshouse/runner';

describe('runner: outcomes', () => {
  it('books each episode outcome, and reruns invalid episodes (provider fault) on resume, keeping the invalid record aside', async () => {
    const out = mkdtempSync(join(tmpdir(), 'gh-outcome-'));
    let providerUp = false;
    const makeAgent = (_spec: string, ctx: { scenario: (typeof SCENARIOS)[number] }): AgentPolicy => {
      const real = policyAgent(ctx.scenario, 'honest', {});
      let calls = 0;
      return {
        id: 'flaky-provider',
        next: async (input) => {
          if (!providerUp && calls++ > 0) throw new Error('HTTP 503 Service Unavailable');
          return real.next(input);
        },
      };
    };
    const cfg = { scenarios: ['lazy-checklist'], variants: ['goalNudge=none'], agents: ['flaky'] };
    await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent });
    const first = readManifest(out)!;
    expect(first.episodes.map((e) => e.outcome)).toEqual(first.episodes.map(() => 'invalid'));
    providerUp = true;
    const again = await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent });
    expect(again.ran).toBe(first.episodes.length);
    const second = readManifest(out)!;
    expect(second.episodes.map((e) => e.outcome)).toEqual(second.episodes.map(() => 'clean'));
    expect(existsSync(join(out, 'invalid'))).toBe(true);
    expect(readdirSync(join(out, 'invalid'))).toHaveLength(first.episodes.length);
    // A third resume has nothing left to do.
    expect((await runMatrix(cfg, SCENARIOS, { out, progress: false, concurrency: 1, makeAgent })).ran).toBe(0);
  });
});
