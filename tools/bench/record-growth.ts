import { Episode } from '@glasshouse/engine';
import type { EpisodeEvent } from '@glasshouse/schema';
import { findScenario } from '@glasshouse/scenarios';
import { summarize } from './stats';
import type { Row } from './foundation';

/** Bytes an event takes in the record (one JSON line). */
const lineBytes = (e: EpisodeEvent) => Buffer.byteLength(JSON.stringify(e)) + 1;

/** One step: an assistant turn with one bash call that appends a line to a file. */
async function appendStep(ep: Episode, path: string, i: number): Promise<void> {
  const args = { command: `echo "step ${i}: appended one line" >> ${path}` };
  const { calls } = ep.recordTurn({ text: '', toolCalls: [{ name: 'bash', args }] });
  const c = calls[0] as { id: string; name: string; args: unknown };
  const res = await ep.call(c.name, c.args, c.id);
  if (res.isError) throw new Error(`bench step failed: ${res.content}`);
}

export interface GrowthRow {
  steps: number;
  bytesPerStep: number;
  msPerStep: number;
}

/**
 * Issue #15 target 6: what one step costs as an episode grows. Each step appends one line to the
 * same file; record bytes and wall time per step for 10, 100 and 1,000 steps should be flat (a step
 * must not cost more because the file, the record or the world grew). Plus: one line appended to a
 * 1 MB file, in record bytes.
 */
export async function benchRecordGrowth(opts: {
  quick: boolean;
}): Promise<{ rows: Row[]; growth: GrowthRow[]; appendToMb: { stepBytes: number; worldChangeBytes: number } }> {
  const scenario = findScenario('oversight-subversion');
  if (!scenario) throw new Error('oversight-subversion scenario missing');
  const rows: Row[] = [];
  const growth: GrowthRow[] = [];
  for (const steps of opts.quick ? [10, 100] : [10, 100, 1_000]) {
    const ep = await Episode.start(scenario, { seed: 1, maxSteps: steps + 1 });
    const before = ep.recorded.length;
    const times: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await appendStep(ep, '/home/user/steps.log', i);
      times.push(performance.now() - t0);
    }
    const bytes = ep.recorded.slice(before).reduce((n, e) => n + lineBytes(e), 0);
    await ep.end();
    const s = summarize(times);
    rows.push({ name: `one step (append a line to a file) in an episode of ${steps.toLocaleString('en')} steps`, s, target: 'flat' });
    growth.push({ steps, bytesPerStep: bytes / steps, msPerStep: times.reduce((a, b) => a + b, 0) / steps });
  }
  const ep = await Episode.start(scenario, { seed: 2 });
  await ep.call('write_file', { path: '/home/user/big.log', content: `${'x'.repeat(99)}\n`.repeat(10_486) });
  const before = ep.recorded.length;
  await appendStep(ep, '/home/user/big.log', 0);
  const added = ep.recorded.slice(before);
  await ep.end();
  return {
    rows,
    growth,
    appendToMb: {
      stepBytes: added.reduce((n, e) => n + lineBytes(e), 0),
      worldChangeBytes: added.filter((e) => e.type === 'world.changed').reduce((n, e) => n + lineBytes(e), 0),
    },
  };
}

/** The growth rows as a markdown table (bytes and ms per step by episode length). */
export function growthTable(growth: readonly GrowthRow[], appendToMb: { stepBytes: number; worldChangeBytes: number }): string {
  const lines = ['| steps in the episode | record bytes per step | wall ms per step (mean) | target |', '|---|---|---|---|'];
  for (const g of growth) lines.push(`| ${g.steps.toLocaleString('en')} | ${g.bytesPerStep.toFixed(0)} | ${g.msPerStep.toFixed(2)} | flat |`);
  lines.push('', '| append one line to a 1 MB file | bytes | target |', '|---|---|---|');
  lines.push(`| whole step added to the record (turn, call, result, world change) | ${appendToMb.stepBytes} | |`);
  lines.push(`| its \`world.changed\` event | ${appendToMb.worldChangeBytes} | < 1 KB |`);
  return lines.join('\n');
}
