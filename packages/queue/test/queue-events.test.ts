import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SCENARIOS } from '@glasshouse/scenarios';
import { replayRunEvents, RunEmitter, runMatrix } from '@glasshouse/runner';
import type { RunEvent, RunEventOf } from '@glasshouse/runner';
import { queueBackend, startQueueWorker } from '@glasshouse/queue';
import { testRedis } from './redis-server';

const redis = await testRedis(3);
afterAll(async () => redis?.close());

describe.skipIf(!redis)('queue: a distributed run reports the same run events', () => {
  it('each episode started, its record events and finished; totals equal the run folder replayed', async () => {
    const w = await startQueueWorker({ url: redis!.url, concurrency: 2, discoverMs: 100 });
    try {
      const out = mkdtempSync(join(tmpdir(), 'gh-queue-events-'));
      const events = new RunEmitter();
      const live: RunEvent[] = [];
      events.on('event', (e) => live.push(e));
      await runMatrix({ scenarios: ['goal-guarding'], variants: ['goalNudge=none'], agents: ['scripted:honest', 'scripted:covert'] }, SCENARIOS, {
        out,
        progress: false,
        backend: queueBackend({ url: redis!.url }),
        events,
      });
      const replayed = replayRunEvents(out);
      const perEpisode = (xs: RunEvent[]) => {
        const m = new Map<string, RunEvent[]>();
        for (const e of xs) if ('key' in e) m.set(e.key, [...(m.get(e.key) ?? []), e]);
        return m;
      };
      expect(perEpisode(live)).toEqual(perEpisode(replayed));
      expect(live.filter((e) => e.type === 'episode.record').length).toBeGreaterThan(8 * 5);
      const end = live.at(-1) as RunEventOf<'run.finished'>;
      expect(end).toEqual(replayed.at(-1));
      expect(end).toMatchObject({ done: 8, total: 8, outcomes: { covert: 4, clean: 4 } });
    } finally {
      await w.close();
    }
  }, 60_000);
});
