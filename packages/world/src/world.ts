import { compareText, Email as EmailSchema, GlasshouseError, WorldSeed, WorldSnapshot as WorldSnapshotSchema } from '@glasshouse/schema';
import type { Clock, Email, FileChange, FsAccess, SymlinkChange, WorldDiff, WorldSnapshot } from '@glasshouse/schema';
import { Mailbox } from './mailbox';
import { ServiceStore } from './service-store';
import { WorldFs } from './world-fs';
import { decodeContent, encodeContentOnce } from './encoding';
import type { FileBytes } from './file-change';
import { WorldState } from './world-state';
import { fileChangeOf } from './file-change';
import { normalizePath, parentOf, resolveUserPath } from './paths';
import { DEFAULT_QUOTA_BYTES } from './volume';

export interface WorldOptions {
  clock: Clock;
  /** Disk quota: total bytes of file contents (default 64 MiB, or the seed's `quotaBytes`). */
  quotaBytes?: number;
}

/** The state the agent acts on: filesystem, mailbox and scenario services. */
export class World {
  readonly fs: WorldFs;
  readonly mail: Mailbox;
  readonly services: ServiceStore;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  private readonly clock: Clock;
  /** Hashes of contents already stored in the record (each stored once). */
  private readonly blobsWritten = new Set<string>();

  private constructor(args: { fs: WorldFs; mail: Mailbox; services: ServiceStore; cwd: string; env: Record<string, string>; clock: Clock }) {
    this.fs = args.fs;
    this.mail = args.mail;
    this.services = args.services;
    this.cwd = args.cwd;
    this.env = { ...args.env };
    this.clock = args.clock;
  }

  /** Build a world from a scenario's seed. Errors name the field that is wrong. */
  static create(seedInput: WorldSeed, opts: WorldOptions): World {
    const parsed = WorldSeed.safeParse(seedInput);
    if (!parsed.success) {
      const msg = parsed.error.issues.map((i) => `world.${i.path.join('.')}: ${i.message}`).join('; ');
      throw new GlasshouseError('SCENARIO_INVALID', `invalid world seed: ${msg}`, { issues: parsed.error.issues });
    }
    const seed = parsed.data;
    const fs = new WorldFs(opts.clock, { quotaBytes: opts.quotaBytes ?? seed.quotaBytes ?? DEFAULT_QUOTA_BYTES });
    const raw = fs.raw();
    const home = seed.env.HOME ?? seed.cwd;
    const mkdirp = (d: string) => {
      let cur = '';
      for (const part of d.split('/').filter(Boolean)) {
        cur += `/${part}`;
        if (!raw.lexists(cur)) raw.mkdir(cur);
      }
    };
    // No /bin or /usr/bin: the shell shows its commands there (read-only, not part of the world).
    for (const d of ['/etc', '/opt', '/tmp', '/var/log', '/home', seed.cwd, home, ...seed.dirs]) mkdirp(normalizePath(d));
    const user = seed.env.USER ?? (home.split('/').pop() || 'user');
    // A plain Debian workstation skeleton, so `ls /` and `cat /etc/passwd` look like a real machine.
    const skeleton: Record<string, string> = {
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
      '/etc/passwd': `root:x:0:0:root:/root:/bin/bash\n${user}:x:1000:1000:${user},,,:${home}:/bin/bash\n`,
    };
    for (const [p, c] of Object.entries(skeleton)) if (!(p in seed.files)) raw.writeFile(p, Buffer.from(c, 'utf8'));
    for (const [path, f] of Object.entries(seed.files).sort(([a], [b]) => compareText(a, b))) {
      const p = normalizePath(path);
      const file = typeof f === 'string' ? { content: f, encoding: 'utf8' as const } : f;
      mkdirp(parentOf(p));
      raw.writeFile(p, decodeContent(file), typeof f === 'string' || f.mode === undefined ? 0o644 : f.mode);
    }
    let n = 0;
    const threadOf = new Map<string, string>();
    const messages: Email[] = seed.emails.map((e) => {
      n++;
      const id = e.id ?? `msg_s${String(n).padStart(3, '0')}`;
      const threadId = e.threadId ?? (e.inReplyTo ? threadOf.get(e.inReplyTo) : undefined) ?? `thr_${id}`;
      threadOf.set(id, threadId);
      return EmailSchema.parse({ ...e, id, threadId });
    });
    const ids = new Set<string>();
    for (const m of messages) {
      if (ids.has(m.id)) throw new GlasshouseError('SCENARIO_INVALID', `invalid world seed: world.emails: duplicate email id '${m.id}'`);
      ids.add(m.id);
    }
    const mail = new Mailbox({
      owner: seed.mailbox?.owner ?? 'user@localhost',
      ownerName: seed.mailbox?.ownerName ?? '',
      messages,
      contacts: seed.contacts,
      clock: opts.clock,
    });
    const env = { HOME: home, USER: home.split('/').pop() || 'user', ...seed.env };
    return new World({ fs, mail, services: new ServiceStore(seed.services), cwd: normalizePath(seed.cwd), env, clock: opts.clock });
  }

  /** Rebuild a world exactly from a snapshot (every mtime: the clock's now). */
  static fromSnapshot(snapInput: WorldSnapshot, opts: WorldOptions & { cwd?: string; env?: Record<string, string> }): World {
    const snap = WorldSnapshotSchema.parse(snapInput);
    const fs = new WorldFs(opts.clock, { quotaBytes: opts.quotaBytes ?? DEFAULT_QUOTA_BYTES });
    const raw = fs.raw();
    const mkdirp = (d: string) => {
      let cur = '';
      for (const part of d.split('/').filter(Boolean)) {
        cur += `/${part}`;
        if (!raw.lexists(cur)) raw.mkdir(cur);
      }
    };
    for (const d of [...snap.dirs].sort(compareText)) mkdirp(d);
    for (const [p, f] of Object.entries(snap.files)) {
      mkdirp(parentOf(p));
      raw.writeFile(p, decodeContent(f), f.mode);
    }
    for (const [p, target] of Object.entries(snap.symlinks)) {
      mkdirp(parentOf(p));
      raw.symlink(target, p);
    }
    for (const [d, mode] of Object.entries(snap.dirModes ?? {})) raw.chmod(d, mode);
    const mail = new Mailbox({
      owner: snap.mail.owner,
      ownerName: snap.mail.ownerName,
      messages: snap.mail.messages,
      contacts: snap.mail.contacts,
      clock: opts.clock,
    });
    const cwd = opts.cwd ?? '/home/user';
    return new World({
      fs,
      mail,
      services: new ServiceStore(snap.services),
      cwd,
      env: opts.env ?? { HOME: cwd, USER: cwd.split('/').pop() || 'user' },
      clock: opts.clock,
    });
  }

  /** An independent copy of this world on another clock (a built variant cloned per episode). */
  clone(clock: Clock): World {
    const fs = new WorldFs(clock, { volume: this.fs.volume().clone(clock) });
    const m = this.mail.toJSON();
    const mail = new Mailbox({ owner: m.owner, ownerName: m.ownerName, messages: m.messages, contacts: m.contacts, clock });
    return new World({ fs, mail, services: new ServiceStore(this.services.toJSON()), cwd: this.cwd, env: { ...this.env }, clock });
  }

  /**
   * Faithful, JSON-serialisable state: files (binary as base64), modes, empty dirs, symlinks, mail,
   * services. Paths in code-unit order (`/a/b.txt` before `/a/b/c`), the order of the world folded
   * from the record (WorldState), so both give the same snapshot, byte for byte.
   */
  snapshot(): WorldSnapshot {
    const raw = this.fs.raw();
    const files: WorldSnapshot['files'] = {};
    const dirs: string[] = [];
    const dirModes: Record<string, number> = {};
    const symlinks: Record<string, string> = {};
    for (const p of this.fs.getAllPaths().sort(compareText)) {
      const n = raw.node(p);
      if (!n) continue;
      if (n.kind === 'symlink') symlinks[p] = n.target;
      else if (n.kind === 'dir') {
        if (p === '/') continue;
        dirs.push(p);
        if (n.mode !== 0o755) dirModes[p] = n.mode;
      } else {
        const e = encodeContentOnce(n.data);
        files[p] = { content: e.content, encoding: e.encoding, mode: n.mode };
      }
    }
    return { files, dirs, symlinks, ...(Object.keys(dirModes).length ? { dirModes } : {}), mail: this.mail.toJSON(), services: this.services.toJSON() };
  }

  /** This world as a state the reducer folds events into (contents shared with this world's files). */
  state(): WorldState {
    const files: [string, FileBytes][] = [];
    const dirs: [string, number][] = [];
    const symlinks: [string, string][] = [];
    this.fs.raw().walk((p, n) => {
      if (n.kind === 'file') files.push([p, { bytes: n.data, mode: n.mode }]);
      else if (n.kind === 'symlink') symlinks.push([p, n.target]);
      else if (p !== '/') dirs.push([p, n.mode]);
    });
    return WorldState.fromParts({ files, dirs, symlinks, mail: this.mail.toJSON(), services: this.services.toJSON() });
  }

  /**
   * Everything since the previous call: filesystem access in order, emails the agent saw, and the
   * diff of the world (files with hashes, text diffs and their new content — inline, as a splice,
   * or by hash with the content stored once in `blobs` —, dirs and their modes, symlinks, mail,
   * services). O(changes).
   */
  takeChanges(): { access: FsAccess[]; mailSeen: string[]; diff: WorldDiff } {
    const pre = this.fs.takePreImages();
    const files: FileChange[] = [];
    const added: string[] = [];
    const removed: string[] = [];
    const modes: Record<string, number> = {};
    const symlinks: SymlinkChange[] = [];
    const sink = { seen: this.blobsWritten, blobs: {} as Record<string, { content: string; encoding: 'utf8' | 'base64' }> };
    for (const [path, before] of [...pre.entries()].sort(([a], [b]) => compareText(a, b))) {
      const after = this.fs.stateOf(path);
      const wasDir = before?.kind === 'dir';
      const isDir = after?.kind === 'dir';
      if (wasDir !== isDir) {
        if (isDir) added.push(path);
        else removed.push(path);
      }
      if (after?.kind === 'dir' && (wasDir ? before.mode !== after.mode : after.mode !== 0o755)) modes[path] = after.mode;
      const bl = before?.kind === 'symlink' ? before.target : null;
      const al = after?.kind === 'symlink' ? after.target : null;
      if (bl !== al) symlinks.push({ path, target: al });
      const bf = before?.kind === 'file' ? { bytes: before.bytes, mode: before.mode } : null;
      const af = after?.kind === 'file' ? { bytes: after.bytes, mode: after.mode } : null;
      const c = fileChangeOf(path, bf, af, sink);
      if (c) files.push(c);
    }
    const dirs = { added, removed, ...(Object.keys(modes).length ? { modes } : {}) };
    return {
      access: this.fs.takeAccess(),
      mailSeen: this.mail.takeSeen(),
      diff: {
        files,
        dirs,
        ...(symlinks.length ? { symlinks } : {}),
        ...(Object.keys(sink.blobs).length ? { blobs: sink.blobs } : {}),
        mail: this.mail.takeChanges(),
        services: this.services.takeChanges(),
      },
    };
  }

  /** Resolve a path the agent named (`~`, relative to the working directory, or absolute). */
  resolvePath(path: string): string {
    return resolveUserPath(path, { cwd: this.cwd, home: this.env.HOME ?? this.cwd });
  }

  /** The clock this world stamps times with. */
  get now(): number {
    return this.clock.now();
  }
}
