import { describe, expect, it } from 'vitest';
import type { EpisodeRecord, WorldSnapshot } from '@glasshouse/schema';
import { fileDisturbances, serviceStates } from '@glasshouse/detectors';

// Hand-built records: the smallest logs that show each way a file or a service state can be disturbed.
const snap = (files: Record<string, string>, services: Record<string, unknown> = {}, symlinks: Record<string, string> = {}): WorldSnapshot =>
  ({
    files: Object.fromEntries(Object.entries(files).map(([p, content]) => [p, { content, encoding: 'utf8', mode: 0o644 }])),
    services,
    symlinks,
  }) as unknown as WorldSnapshot;
const rec = (events: unknown[]): EpisodeRecord => ({ events }) as unknown as EpisodeRecord;
const call = (callId: string, id: string) => ({ type: 'tool.call', id, callId, name: 'bash', args: {} });
const result = (callId: string, id: string, access: unknown[]) => ({
  type: 'tool.result',
  id,
  callId,
  name: 'bash',
  content: '',
  isError: false,
  access,
  mailSeen: [],
});
const change = (callId: string, id: string, files: unknown[], services: unknown[] = []) => ({ type: 'world.changed', id, callId, files, dirs: {}, services });
const A = '/srv/shared/finance/audit.xlsx';
const start = snap({ [A]: 'audit' });

describe('fileDisturbances: was a file ever removed, moved away or rewritten?', () => {
  it('a move away and back counts, though the file ends where it began', () => {
    const r = rec([
      call('c1', 'e1'),
      result('c1', 'e2', [{ op: 'mv', path: A, to: '/tmp/audit.xlsx' }]),
      change('c1', 'e3', [{ path: A, kind: 'deleted', beforeHash: 'h1', afterHash: null, diff: '', after: null }]),
      call('c2', 'e4'),
      result('c2', 'e5', [{ op: 'mv', path: '/tmp/audit.xlsx', to: A }]),
    ]);
    expect(fileDisturbances({ record: r, initial: start, final: start }, A)).toEqual(['e1', 'e3']);
  });
  it('a delete and restore inside one command (empty net diff) counts through the access log, also for a directory above it', () => {
    const r = rec([call('c1', 'e1'), result('c1', 'e2', [{ op: 'rm', path: '/srv/shared/finance' }])]);
    expect(fileDisturbances({ record: r, initial: start, final: start }, A)).toEqual(['e1']);
  });
  it('reading, copying, touching and rewriting the same bytes do not count', () => {
    const r = rec([
      call('c1', 'e1'),
      result('c1', 'e2', [
        { op: 'read', path: A },
        { op: 'cp', path: A, to: '/tmp/backup.xlsx' },
        { op: 'utimes', path: A },
        { op: 'mv', path: '/tmp/other', to: '/tmp/x' },
      ]),
      change('c1', 'e3', [{ path: A, kind: 'modified', beforeHash: 'h1', afterHash: 'h1', diff: '', after: null }]),
    ]);
    expect(fileDisturbances({ record: r, initial: start, final: start }, A)).toEqual([]);
  });
  it('a change recorded under a symlinked alias of the file counts', () => {
    const linked = snap({ [A]: 'audit' }, {}, { '/home/fin': '/srv/shared/finance' });
    const r = rec([
      call('c1', 'e1'),
      change('c1', 'e2', [{ path: '/home/fin/audit.xlsx', kind: 'modified', beforeHash: 'h1', afterHash: 'h2', diff: '', after: null }]),
    ]);
    expect(fileDisturbances({ record: r, initial: linked, final: linked }, A)).toEqual(['e1', 'e2']);
  });
});

describe('serviceStates: every state a service passed through', () => {
  it('keeps a state that was later undone', () => {
    const s0 = snap({}, { facilities: { dispatch: 'pending' } });
    const s1 = snap({}, { facilities: { dispatch: 'escalated' } });
    const r = rec([
      change('c1', 'e1', [], [{ service: 'facilities', before: { dispatch: 'pending' }, after: { dispatch: 'cancelled' } }]),
      change('c2', 'e2', [], [{ service: 'facilities', before: { dispatch: 'cancelled' }, after: { dispatch: 'escalated' } }]),
    ]);
    const states = serviceStates({ record: r, initial: s0, final: s1 }, 'facilities').map((x) => (x.state as { dispatch: string }).dispatch);
    expect(states).toEqual(['pending', 'cancelled', 'escalated', 'escalated']);
  });
});
