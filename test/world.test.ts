import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClock, sha256 } from '@glasshouse/schema';
import { applyDiff, diffSnapshots, firstDifference, World } from '@glasshouse/world';

const clock = () => createClock(Date.UTC(2025, 2, 11, 9));
const seed = {
  cwd: '/home/user',
  files: {
    '/home/user/notes.txt': 'alpha\nbeta\n',
    '/home/user/bin.dat': { content: Buffer.from([255, 0, 254, 10]).toString('base64'), encoding: 'base64' as const, mode: 0o600 },
  },
  dirs: ['/home/user/empty'],
  mailbox: { owner: 'me@acme.com', ownerName: 'Me' },
  contacts: [{ name: 'Ann', email: 'ann@acme.com' }],
  emails: [
    { id: 'm1', from: 'ann@acme.com', to: ['me@acme.com'], subject: 'Budget', body: 'Numbers attached', date: '2025-03-10T10:00:00Z' },
    { id: 'm2', from: 'bob@other.org', to: ['me@acme.com'], subject: 'Lunch?', body: 'Friday', date: '2025-03-10T12:00:00Z' },
  ],
  services: { crm: { leads: 3 } },
};

describe('world', () => {
  it('names the field that is wrong in a bad seed', () => {
    expect(() => World.create({ files: { 'relative/path': 'x' } } as never, { clock: clock() })).toThrow(/world\.files/);
    expect(() => World.create({ emails: [{ from: 'a', to: [], subject: '', body: '', date: 'x' }] } as never, { clock: clock() })).toThrow(
      /world\.emails\.0\.to/,
    );
  });

  it('round-trips a faithful snapshot: binary, modes, empty dirs, symlinks, mail, services', () => {
    const w = World.create(seed, { clock: clock() });
    w.fs.symlinkSync('/home/user/notes.txt', '/home/user/link');
    const snap = w.snapshot();
    expect(snap.files['/home/user/bin.dat']).toEqual({ content: '/wD+Cg==', encoding: 'base64', mode: 0o600 });
    expect(snap.dirs).toContain('/home/user/empty');
    expect(snap.symlinks['/home/user/link']).toBe('/home/user/notes.txt');
    expect(World.fromSnapshot(snap, { clock: clock() }).snapshot()).toEqual(snap);
  });

  it('diffs copy-on-write: write-then-restore is no change; delete and rename are', () => {
    const w = World.create(seed, { clock: clock() });
    w.takeChanges();
    w.fs.writeFileSync('/home/user/notes.txt', 'changed');
    w.fs.writeFileSync('/home/user/notes.txt', 'alpha\nbeta\n');
    expect(w.takeChanges().diff.files).toEqual([]);
    w.fs.renameSync('/home/user/notes.txt', '/home/user/moved.txt');
    w.fs.rmSync('/home/user/bin.dat');
    const { diff, access } = w.takeChanges();
    expect(diff.files.map((f) => [f.path, f.kind])).toEqual([
      ['/home/user/bin.dat', 'deleted'],
      ['/home/user/moved.txt', 'added'],
      ['/home/user/notes.txt', 'deleted'],
    ]);
    const added = diff.files.find((f) => f.kind === 'added')!;
    expect(added.afterHash).toBe(sha256('alpha\nbeta\n'));
    expect(access.map((a) => a.op)).toEqual(['mv', 'rm']);
  });

  it('produces unified text diffs with before/after hashes', () => {
    const w = World.create(seed, { clock: clock() });
    w.takeChanges();
    w.fs.writeFileSync('/home/user/notes.txt', 'alpha\ngamma\n');
    const [c] = w.takeChanges().diff.files;
    expect(c).toMatchObject({ kind: 'modified', beforeHash: sha256('alpha\nbeta\n'), afterHash: sha256('alpha\ngamma\n') });
    expect(c!.diff).toContain('-beta\n+gamma');
  });

  it('applyDiff(a, diffSnapshots(a, b)) equals b for random operation sequences', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('write' as const), f: fc.integer({ min: 0, max: 4 }), text: fc.string({ maxLength: 20 }) }),
      fc.record({ k: fc.constant('rm' as const), f: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ k: fc.constant('mv' as const), f: fc.integer({ min: 0, max: 4 }), g: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ k: fc.constant('mkdir' as const), f: fc.integer({ min: 0, max: 4 }) }),
      fc.record({ k: fc.constant('mail' as const), text: fc.string({ maxLength: 10 }) }),
      fc.record({ k: fc.constant('svc' as const), f: fc.integer({ min: 0, max: 9 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        const w = World.create(seed, { clock: clock() });
        const a = w.snapshot();
        const path = (i: number) => `/home/user/f${i}.txt`;
        for (const o of ops) {
          try {
            if (o.k === 'write') w.fs.writeFileSync(path(o.f), o.text);
            if (o.k === 'rm') w.fs.rmSync(path(o.f), { force: true });
            if (o.k === 'mv') w.fs.renameSync(path(o.f), path(o.g));
            if (o.k === 'mkdir') w.fs.mkdirSync(`/home/user/d${o.f}`, { recursive: true });
            if (o.k === 'mail') w.mail.send({ to: ['x@y.com'], subject: o.text, body: o.text });
            if (o.k === 'svc') w.services.set('crm', { leads: o.f });
          } catch {
            /* ENOENT etc. are part of the game */
          }
        }
        const b = w.snapshot();
        expect(applyDiff(a, diffSnapshots(a, b))).toEqual(b);
      }),
      { numRuns: 60 },
    );
  });

  it('mailbox: list newest first, read marks read, search, send/reply threads, move/delete, seen ids', () => {
    const w = World.create(seed, { clock: clock() });
    w.takeChanges();
    expect(w.mail.list().map((m) => m.id)).toEqual(['m2', 'm1']);
    expect(w.mail.read('m1')?.read).toBe(true);
    expect(w.mail.read('nope')).toBeUndefined();
    expect(w.mail.search({ text: 'numbers' }).map((m) => m.id)).toEqual(['m1']);
    const r = w.mail.reply('m1', 'Thanks');
    expect(r).toMatchObject({ to: ['ann@acme.com'], subject: 'Re: Budget', inReplyTo: 'm1', folder: 'sent' });
    expect(w.mail.thread(r.threadId).map((m) => m.id)).toEqual(['m1', r.id]);
    expect(w.mail.reply(r.id, 'again').subject).toBe('Re: Budget');
    w.mail.delete('m2');
    w.mail.delete('m2');
    const ch = w.takeChanges();
    expect(ch.mailSeen).toEqual(['m2', 'm1', r.id]);
    expect(ch.diff.mail.map((c) => c.kind)).toEqual(['flagged', 'sent', 'sent', 'moved', 'deleted']);
    expect(w.mail.findContact('ann')).toHaveLength(1);
  });

  it('never touches the host filesystem', () => {
    const w = World.create(seed, { clock: clock() });
    w.fs.writeFileSync('/tmp/glasshouse-should-not-exist.txt', 'x');
    expect(existsSync('/tmp/glasshouse-should-not-exist.txt')).toBe(false);
    expect(() => w.fs.readFileSync('/etc/hostname')).toThrow(/ENOENT/);
    expect(() => w.fs.readFileSync('/home/user/\u0000x')).toThrow(/NUL/);
  });

  it('is deterministic: same seed and operations give equal snapshots', () => {
    const run = () => {
      const w = World.create(seed, { clock: clock() });
      w.fs.writeFileSync('/home/user/a.txt', 'x');
      w.mail.send({ to: ['q@z.com'], subject: 's', body: 'b' });
      return JSON.stringify(w.snapshot());
    };
    expect(run()).toBe(run());
  });

  it('finds where a live world and a folded state differ, walking the volume or only the changed paths', () => {
    const w = World.create(seed, { clock: clock() });
    w.fs.raw().takeTouched();
    const folded = w.state();
    expect(firstDifference(w, folded)).toBeNull();
    // A clone shares its contents and stays equal to a clone of the state.
    const c = w.clone(clock());
    expect(firstDifference(c, folded.clone())).toBeNull();
    // Changes through the harness's unchecked view are noted too (nothing in the volume escapes the check).
    w.fs.raw().writeFile('/home/user/zz.txt', Buffer.from('x'));
    w.fs.raw().chmod('/home/user/empty', 0o700);
    w.fs.raw().rm('/home/user/notes.txt');
    const touched = w.fs.raw().takeTouched();
    expect([...touched].sort()).toEqual(['/home/user/empty', '/home/user/notes.txt', '/home/user/zz.txt']);
    expect(firstDifference(w, folded)).toBe('/home/user/empty');
    expect(firstDifference(w, folded, { paths: touched })).toBe('/home/user/empty');
    // Only the paths given are looked at.
    expect(firstDifference(w, folded, { paths: ['/home/user/zz.txt'] })).toBe('/home/user/zz.txt');
    // A state holding a file the volume lacks, a symlink, mail and services.
    const c2 = w.clone(clock());
    const s2 = c2.state();
    s2.files.set('/home/user/ghost.txt', { bytes: Buffer.from('g'), mode: 0o644 });
    expect(firstDifference(c2, s2)).toBe('/home/user/ghost.txt');
    const s3 = c2.state();
    c2.fs.raw().symlink('/home/user/zz.txt', '/home/user/link');
    expect(firstDifference(c2, s3)).toBe('/home/user/link');
    const s4 = c2.state();
    c2.mail.send({ to: ['q@z.com'], subject: 's', body: 'b' });
    expect(firstDifference(c2, s4)).toBe('mail');
    const s5 = c2.state();
    c2.services.set('crm', { leads: 4 });
    expect(firstDifference(c2, s5)).toBe('service crm');
  });
});
