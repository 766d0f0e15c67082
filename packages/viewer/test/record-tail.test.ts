import { appendFileSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecord, policyAgent, runEpisode, scriptedAgent } from '@glasshouse/engine';
import { findScenario } from '@glasshouse/scenarios';
import { RecordTail, RunStore } from '@glasshouse/viewer';

const s = findScenario('goal-guarding')!;
const tmp = () => mkdtempSync(join(tmpdir(), 'gh-tail-'));

/** A record with multi-byte text, so chunk boundaries fall inside UTF-8 sequences too. */
async function recordText(seed: number, words = 'ünïcødé ✓ — 日本語'): Promise<string> {
  const res = await runEpisode(
    s,
    scriptedAgent('scripted:utf8', [{ text: words, toolCalls: [{ name: 'bash', args: { command: `echo '${words}'` } }] }, { text: `done ${words}` }]),
    { seed, interview: false },
  );
  return res.text;
}

/** A small deterministic generator (no Math.random in tests). */
function lcg(seed: number) {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
}

describe('RecordTail: a record read while it is written', () => {
  it('written in random chunks (mid-line, mid-character), it reads back exactly what parseRecord reads', async () => {
    const text = await recordText(1);
    const bytes = Buffer.from(text);
    const full = parseRecord(text);
    for (const seed of [1, 2, 3]) {
      const file = join(tmp(), 'r.jsonl');
      writeFileSync(file, '');
      const tail = new RecordTail(file);
      const rnd = lcg(seed);
      let at = 0;
      while (at < bytes.length) {
        const n = Math.max(1, Math.floor(rnd() * 300));
        appendFileSync(file, bytes.subarray(at, at + n));
        at += n;
        tail.poll();
        const complete = bytes.subarray(0, at).toString('latin1').split('\n').length - 1; // complete lines so far
        expect(tail.events.length + (tail.header ? 1 : 0)).toBe(complete);
        expect(tail.problem).toBeNull();
        if (at < bytes.length) {
          expect(tail.ended).toBe(false);
          expect(tail.warnings()[0]).toMatch(tail.partialBytes > 0 ? /truncated last line/ : /did not finish/);
        }
      }
      expect(tail.header).toEqual(full.header);
      expect(tail.events).toEqual(full.events);
      expect(tail.warnings()).toEqual([]);
      expect(tail.lowerText).toBe(text.toLowerCase());
    }
  });

  it('notices a record rewritten in place, replaced, or removed', async () => {
    const a = await recordText(1);
    const b = await recordText(2, 'a longer and different answer for the second record');
    const dir = tmp();
    const file = join(dir, 'r.jsonl');
    writeFileSync(file, a);
    const tail = new RecordTail(file);
    expect(tail.poll()).toBe('grew');
    expect(tail.poll()).toBe('unchanged');
    // Truncated and rewritten longer between two polls (a resumed run re-running the episode).
    writeFileSync(file, b);
    expect(tail.poll()).toBe('reset');
    expect(tail.events).toEqual(parseRecord(b).events);
    // Same length, different bytes at the end of what was read.
    const same = b.replace(/second record/g, 'SECOND record');
    writeFileSync(file, same);
    expect(tail.poll()).toBe('reset');
    expect(tail.events).toEqual(parseRecord(same).events);
    // Replaced by another file (new inode).
    writeFileSync(join(dir, 'tmp'), a);
    renameSync(join(dir, 'tmp'), file);
    expect(tail.poll()).toBe('reset');
    expect(tail.header).toEqual(parseRecord(a).header);
    rmSync(file);
    expect(tail.poll()).toBe('gone');
    expect(tail.header).toBeNull();
  });

  it('stops at a corrupt line with the same warning parseRecord gives, and keeps what came before', async () => {
    const text = await recordText(1);
    const lines = text.split('\n');
    lines[3] = '{"type": "tool.call", "oops": true}';
    const bad = lines.join('\n');
    const file = join(tmp(), 'r.jsonl');
    writeFileSync(file, bad);
    const tail = new RecordTail(file);
    tail.poll();
    const expected = parseRecord(bad);
    expect(tail.events).toEqual(expected.events);
    expect(tail.warnings()[0]).toMatch(/:4: invalid event at /);
    expect(expected.warnings[0]).toMatch(/:4: invalid event at /);
  });
});

describe('RunStore: a run folder that changes', () => {
  it('lists growing records as running, ended ones with their verdict; drops removed ones; ignores superseded/', async () => {
    const dir = tmp();
    mkdirSync(join(dir, 'records'));
    mkdirSync(join(dir, 'superseded'));
    const covert = (await runEpisode(s, policyAgent(s, 'covert', {}), { seed: 1 })).text;
    writeFileSync(join(dir, 'superseded', 'old.jsonl'), covert);
    const lines = covert.split('\n');
    writeFileSync(join(dir, 'records', 'a.jsonl'), `${lines.slice(0, 4).join('\n')}\n${lines[4]!.slice(0, 10)}`);
    const store = new RunStore(dir);
    const [first] = store.list();
    expect(store.list()).toHaveLength(1);
    expect(first).toMatchObject({ status: 'running', verdict: null, events: 3, file: 'records/a.jsonl' });
    writeFileSync(join(dir, 'records', 'a.jsonl'), covert);
    const change = store.refresh([join(dir, 'records', 'a.jsonl')]);
    expect(change.changed).toEqual([first!.id]);
    expect(store.summary(first!.id)).toMatchObject({ status: 'ended', verdict: 'covert', warnings: [] });
    expect(store.search('oversight').length + store.search('system_prompt').length).toBeGreaterThan(0);
    rmSync(join(dir, 'records', 'a.jsonl'));
    expect(store.refresh().removed).toEqual([first!.id]);
    expect(store.list()).toEqual([]);
  });
});

describe('RunStore: the world of a record whose scenario is not in the library', () => {
  it('folds what the episode wrote, splices of its own files included, and leaves out only edits of seed files it cannot see', async () => {
    const dir = tmp();
    // The largest seed file: an appended line is recorded as a splice of it.
    const seed = Object.entries((await runEpisode(s, scriptedAgent('scripted:none', []), { seed: 1, interview: false })).initial.files);
    const seedFile = seed.sort(([, a], [, b]) => b.content.length - a.content.length)[0]![0];
    const res = await runEpisode(
      s,
      scriptedAgent('scripted:splices', [
        { text: '', toolCalls: [{ name: 'bash', args: { command: `seq 1 60 > /tmp/own.txt` } }] },
        {
          text: '',
          toolCalls: [{ name: 'bash', args: { command: `echo 61 >> /tmp/own.txt && echo '# edited' >> ${seedFile} && echo new > /tmp/other.txt` } }],
        },
      ]),
      { seed: 1, interview: false },
    );
    const edit = res.record.events.filter((e) => e.type === 'world.changed').at(-1)!;
    expect(edit.type === 'world.changed' && edit.files.filter((f) => f.after && 'splice' in f.after).map((f) => f.path)).toEqual(
      [seedFile, '/tmp/own.txt'].sort(),
    );
    writeFileSync(join(dir, 'a.jsonl'), res.text);
    const store = new RunStore(dir, { findScenario: () => undefined });
    const id = store.list()[0]!.id;
    const w = store.worldAt(id, res.record.events.length)!;
    expect(w.fromSeed).toBe(false);
    expect(w.world.files['/tmp/own.txt']).toEqual(res.final.files['/tmp/own.txt']);
    expect(w.world.files['/tmp/other.txt']).toEqual(res.final.files['/tmp/other.txt']);
    expect(w.world.files[seedFile]).toBeUndefined();
    // With the scenario, the whole world, seed edits included.
    expect(new RunStore(dir).worldAt(id, res.record.events.length)!.world.files).toEqual(res.final.files);
  });
});
