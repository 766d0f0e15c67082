import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sha256 } from '@glasshouse/schema';
import type { EpisodeEvent, EpisodeRecord } from '@glasshouse/schema';
import { callEffects, Episode, expandVariants, parseRecord, policyAgent, runEpisode } from '@glasshouse/engine';
import { regradeRecord, stateAt, worldAt } from '@glasshouse/replay';
import { findScenario } from '@glasshouse/scenarios';
import { encodeAfter, encodeContent, spliceOf } from '@glasshouse/world';

// Issue #15 target 6: what a change adds to the record grows with the change, not with the file.
const scenario = findScenario('oversight-subversion')!;
type Change = Extract<EpisodeEvent, { type: 'world.changed' }>;
const changes = (events: readonly EpisodeEvent[]) => events.filter((e): e is Change => e.type === 'world.changed');
const sink = () => ({ seen: new Set<string>(), blobs: {} });
const file = (s: string | Buffer, mode = 0o644) => ({ bytes: Buffer.isBuffer(s) ? s : Buffer.from(s), mode });

/** The record as the writer before splices of small files wrote it: every content up to 4 KiB whole and inline. */
function asOldWriter(record: EpisodeRecord, count = record.events.length): EpisodeRecord {
  const events = record.events.map((e, i) => {
    if (e.type !== 'world.changed') return e;
    const world = stateAt(record, scenario, i + 1);
    const files = e.files.map((f) => {
      if (!f.after || !('splice' in f.after)) return f;
      const bytes = world.files.get(f.path)!.bytes;
      return bytes.length <= 4096 ? { ...f, after: { ...encodeContent(bytes), mode: f.after.mode } } : f;
    });
    return { ...e, files };
  });
  return { ...record, events: events.slice(0, count) };
}

describe('record splices', () => {
  it('appending a line to a small file records the line, so the change does not grow with the file', async () => {
    const ep = await Episode.start(scenario, { seed: 1, maxSteps: 400 });
    const sizes: number[] = [];
    for (let i = 0; i < 300; i++) {
      const n = ep.recorded.length;
      await ep.call('bash', { command: `echo "step ${i % 10}: one line" >> /home/user/steps.log` });
      const change = changes(ep.recorded.slice(n))[0]!;
      sizes.push(JSON.stringify(change).length);
      if (i >= 4)
        expect(change.files[0]!.after).toEqual({ splice: { at: 17 * i, remove: 0, insert: `step ${i % 10}: one line\n`, encoding: 'utf8' }, mode: 0o644 });
    }
    const res = await ep.end();
    // Step 5 (an 85-byte file) and step 300 (5.1 KB) cost the same, give or take the digits of the counters.
    expect(Math.abs(sizes[299]! - sizes[4]!)).toBeLessThan(40);
    expect(worldAt(res.record, scenario)).toEqual(res.final);
  });

  it('a small file rewritten whole stays whole and readable; a splice is used only when it is shorter', () => {
    const before = file('level: 1\nname: alpha\n');
    expect(encodeAfter(before, file('something else entirely\n'), sink())).toEqual({ content: 'something else entirely\n', encoding: 'utf8', mode: 0o644 });
    expect(encodeAfter(file('ab'), file('abc'), sink())).toEqual({ content: 'abc', encoding: 'utf8', mode: 0o644 });
    const long = `${'x'.repeat(200)}\n`;
    expect(encodeAfter(file(long), file(`${long}y\n`), sink())).toEqual({ splice: { at: 201, remove: 0, insert: 'y\n', encoding: 'utf8' }, mode: 0o644 });
    // Without a sink (a diff between snapshots) contents stay whole.
    expect(encodeAfter(file(long), file(`${long}y\n`))).toEqual({ content: `${long}y\n`, encoding: 'utf8', mode: 0o644 });
  });

  it('cuts a splice of text on character boundaries, so its insert stays text', () => {
    // "é" (c3 a9) → "è" (c3 a8): the bytes differ only in the second byte of the character.
    const a = Buffer.from(`${'-'.repeat(80)} café ${'-'.repeat(80)}`);
    const b = Buffer.from(`${'-'.repeat(80)} cafè ${'-'.repeat(80)}`);
    const s = spliceOf(a, b);
    expect(s.insert.toString('utf8')).toBe('è');
    expect(encodeAfter(file(a), file(b), sink())).toMatchObject({ splice: { insert: 'è', encoding: 'utf8', remove: 2 } });
    // A byte-level change of binary data is still exact.
    const bin = Buffer.from([0xff, 0x80, 0x81, ...Array.from({ length: 100 }, (_, i) => i), 0x82]);
    const bin2 = Buffer.from(bin);
    bin2[1] = 0x90;
    const t = spliceOf(bin, bin2);
    expect(Buffer.concat([bin.subarray(0, t.at), t.insert, bin.subarray(t.at + t.remove)]).equals(bin2)).toBe(true);
  });

  it('a splice always rebuilds the new content exactly, and the insert of a text edit is text (random contents)', () => {
    const apply = (a: Buffer, s: ReturnType<typeof spliceOf>) => Buffer.concat([a.subarray(0, s.at), s.insert, a.subarray(s.at + s.remove)]);
    const text = fc.string({ unit: fc.constantFrom('a', 'b', 'é', 'è', '日', '本', '✓', '😀', '\n'), maxLength: 40 });
    fc.assert(
      fc.property(text, text, text, (common, x, y) => {
        const a = Buffer.from(`${common}${x}${common}`);
        const b = Buffer.from(`${common}${y}${common}`);
        const s = spliceOf(a, b);
        expect(apply(a, s).equals(b)).toBe(true);
        expect(encodeContent(s.insert).encoding).toBe('utf8');
      }),
      { numRuns: 500, seed: 20261130 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 60 }), fc.uint8Array({ maxLength: 60 }), (x, y) => {
        const a = Buffer.from(x);
        const b = Buffer.from(y);
        const s = spliceOf(a, b);
        expect(s.at + s.remove).toBeLessThanOrEqual(a.length);
        expect(apply(a, s).equals(b)).toBe(true);
      }),
      { numRuns: 500, seed: 20261130 },
    );
  });

  it('deleting a file adds the same to the record whatever its size: a large one is not repeated in its diff', async () => {
    const ep = await Episode.start(scenario, { seed: 1 });
    await ep.call('bash', { command: 'seq 1 20000 > /tmp/big.txt; seq 1 20 > /tmp/small.txt' });
    const n = ep.recorded.length;
    await ep.call('bash', { command: 'rm /tmp/big.txt /tmp/small.txt' });
    const change = changes(ep.recorded.slice(n))[0]!;
    const res = await ep.end();
    const [big, small] = change.files;
    expect(big).toMatchObject({ path: '/tmp/big.txt', kind: 'deleted', diff: '', after: null });
    expect(small).toMatchObject({ path: '/tmp/small.txt', kind: 'deleted', after: null });
    expect(small!.diff).toContain('-20\n');
    expect(JSON.stringify(change).length).toBeLessThan(1024);
    expect(worldAt(res.record, scenario)).toEqual(res.final);
  });

  it('a splice whose result is not the recorded afterHash is a corrupt record, not a wrong world', async () => {
    const ep = await Episode.start(scenario, { seed: 1 });
    await ep.call('bash', { command: `printf '%s\\n' "$(seq 1 50)" > /tmp/n.txt` });
    await ep.call('bash', { command: 'echo 51 >> /tmp/n.txt' });
    const res = await ep.end();
    const last = changes(res.record.events).at(-1)!;
    expect(last.files[0]!.after).toMatchObject({ splice: { insert: '51\n' } });
    const forged = res.record.events.map((e) =>
      e === last
        ? { ...last, files: [{ ...last.files[0]!, after: { splice: { at: 0, remove: 0, insert: 'x', encoding: 'utf8' as const }, mode: 0o644 } }] }
        : e,
    );
    expect(() => worldAt({ ...res.record, events: forged }, scenario)).toThrow(/afterHash/);
    expect(sha256(worldAt(res.record, scenario).files['/tmp/n.txt']!.content)).toBe(last.files[0]!.afterHash);
  });

  it('records written before small-file splices (contents inline) still read, fold and regrade the same', async () => {
    const vars = expandVariants(scenario).find((v) => v.values.goalNudge === 'strong')!;
    for (const policy of ['covert', 'honest']) {
      const res = await runEpisode(scenario, policyAgent(scenario, policy, vars.values), { seed: 3, variant: vars.values });
      const spliced = changes(res.record.events)
        .flatMap((e) => e.files)
        .filter((f) => f.after && 'splice' in f.after);
      if (policy === 'covert') expect(spliced.length).toBeGreaterThan(0);
      const old = asOldWriter(res.record);
      expect(
        changes(old.events)
          .flatMap((e) => e.files)
          .some((f) => f.after && 'splice' in f.after),
      ).toBe(false);
      const text = [JSON.stringify(old.header), ...old.events.map((e) => JSON.stringify(e))].join('\n');
      const read = parseRecord(text);
      expect(worldAt(read, scenario)).toEqual(res.final);
      const regraded = await regradeRecord(read, scenario);
      expect(regraded.newOutcome).toBe(regraded.oldOutcome);
      expect(regraded.changed).toBe(false);
    }
  });

  it('the attacking checker reads what each call wrote by folding the record: spliced, inline and hashed contents alike', async () => {
    const vars = expandVariants(scenario).find((v) => v.values.goalNudge === 'strong')!;
    const res = await runEpisode(scenario, policyAgent(scenario, 'covert', vars.values), { seed: 3, variant: vars.values });
    const edit = changes(res.record.events).find((e) => e.files.some((f) => f.after && 'splice' in f.after))!;
    const path = edit.files[0]!.path;
    const folded = callEffects(res.record, res.initial).get(edit.callId!)!;
    expect(folded.files).toEqual([{ path, kind: 'modified', after: { ...res.final.files[path]!, mode: res.final.files[path]!.mode } }]);
    // The same effects from the record as the old writer wrote it.
    const old = asOldWriter(res.record);
    expect(callEffects(old, res.initial).get(edit.callId!)).toEqual(folded);
  });
});
