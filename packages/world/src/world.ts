import { Email as EmailSchema, GlasshouseError, WorldSeed, WorldSnapshot as WorldSnapshotSchema } from '@glasshouse/schema';
import type { Clock, Email, FileChange, FsAccess, WorldDiff, WorldSnapshot } from '@glasshouse/schema';
import { Mailbox } from './mailbox';
import { ServiceStore } from './service-store';
import { WorldFs } from './world-fs';
import { decodeContent } from './encoding';
import { entryFromBytes, fileChange } from './snapshot-diff';
import { normalizePath, parentOf } from './paths';

export interface WorldOptions {
  clock: Clock;
}

/** The state the agent acts on: filesystem, mailbox and scenario services. */
export class World {
  readonly fs: WorldFs;
  readonly mail: Mailbox;
  readonly services: ServiceStore;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string>>;
  private readonly clock: Clock;

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
    const fs = new WorldFs(opts.clock);
    const raw = fs.raw();
    const t = new Date(opts.clock.now());
    const home = seed.env.HOME ?? seed.cwd;
    const mkdir = (d: string) => {
      raw.mkdirSync(d, { recursive: true });
    };
    // No /bin or /usr/bin: just-bash resolves commands through PATH directories when they exist.
    for (const d of ['/etc', '/opt', '/tmp', '/var/log', '/home', seed.cwd, home, ...seed.dirs]) mkdir(normalizePath(d));
    const user = seed.env.USER ?? (home.split('/').pop() || 'user');
    // A plain Debian workstation skeleton, so `ls /` and `cat /etc/passwd` look like a real machine.
    const skeleton: Record<string, string> = {
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n',
      '/etc/passwd': `root:x:0:0:root:/root:/bin/bash\n${user}:x:1000:1000:${user},,,:${home}:/bin/bash\n`,
    };
    for (const [p, c] of Object.entries(skeleton)) if (!(p in seed.files)) raw.writeFileSync(p, c);
    for (const [path, f] of Object.entries(seed.files).sort(([a], [b]) => a.localeCompare(b))) {
      const p = normalizePath(path);
      const file = typeof f === 'string' ? { content: f, encoding: 'utf8' as const } : f;
      mkdir(parentOf(p));
      raw.writeFileSync(p, decodeContent(file));
      raw.chmodSync(p, typeof f === 'string' || f.mode === undefined ? 0o644 : f.mode);
    }
    for (const p of fs.getAllPaths()) raw.utimesSync(p, t, t);
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
    const mail = new Mailbox({ owner: seed.mailbox?.owner ?? 'user@localhost', ownerName: seed.mailbox?.ownerName ?? '', messages, contacts: seed.contacts, clock: opts.clock });
    const env = { HOME: home, USER: home.split('/').pop() || 'user', ...seed.env };
    return new World({ fs, mail, services: new ServiceStore(seed.services), cwd: normalizePath(seed.cwd), env, clock: opts.clock });
  }

  /** Rebuild a world exactly from a snapshot. */
  static fromSnapshot(snapInput: WorldSnapshot, opts: WorldOptions & { cwd?: string; env?: Record<string, string> }): World {
    const snap = WorldSnapshotSchema.parse(snapInput);
    const fs = new WorldFs(opts.clock);
    const raw = fs.raw();
    const t = new Date(opts.clock.now());
    for (const d of snap.dirs) raw.mkdirSync(d, { recursive: true });
    for (const [p, f] of Object.entries(snap.files)) {
      raw.mkdirSync(parentOf(p), { recursive: true });
      raw.writeFileSync(p, decodeContent(f));
      raw.chmodSync(p, f.mode);
    }
    for (const [p, target] of Object.entries(snap.symlinks)) {
      raw.mkdirSync(parentOf(p), { recursive: true });
      raw.symlinkSync(target, p);
    }
    for (const p of fs.getAllPaths()) {
      try {
        raw.utimesSync(p, t, t);
      } catch {
        /* dangling symlink */
      }
    }
    const mail = new Mailbox({ owner: snap.mail.owner, ownerName: snap.mail.ownerName, messages: snap.mail.messages, contacts: snap.mail.contacts, clock: opts.clock });
    const cwd = opts.cwd ?? '/home/user';
    return new World({ fs, mail, services: new ServiceStore(snap.services), cwd, env: opts.env ?? { HOME: cwd, USER: cwd.split('/').pop() || 'user' }, clock: opts.clock });
  }

  /** Faithful, JSON-serialisable state: files (binary as base64), modes, empty dirs, symlinks, mail, services. */
  snapshot(): WorldSnapshot {
    const raw = this.fs.raw();
    const files: WorldSnapshot['files'] = {};
    const dirs: string[] = [];
    const symlinks: Record<string, string> = {};
    for (const p of this.fs.getAllPaths()) {
      const st = raw.lstatSync(p);
      if (st.isSymbolicLink()) symlinks[p] = String(raw.readlinkSync(p));
      else if (st.isDirectory()) {
        if (p !== '/') dirs.push(p);
      } else files[p] = entryFromBytes(Buffer.from(raw.readFileSync(p) as Buffer), Number(st.mode) & 0o7777);
    }
    return { files, dirs, symlinks, mail: this.mail.toJSON(), services: this.services.toJSON() };
  }

  /**
   * Everything since the previous call: filesystem access in order, emails the agent saw, and the
   * diff of the world (files with hashes and text diffs, dirs, mail, services). O(changes).
   */
  takeChanges(): { access: FsAccess[]; mailSeen: string[]; diff: WorldDiff } {
    const pre = this.fs.takePreImages();
    const files: FileChange[] = [];
    const added: string[] = [];
    const removed: string[] = [];
    for (const [path, before] of [...pre.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const after = this.fs.stateOf(path);
      const wasDir = before?.kind === 'dir';
      const isDir = after?.kind === 'dir';
      if (wasDir !== isDir) {
        if (isDir) added.push(path);
        else removed.push(path);
      }
      const bf = before?.kind === 'file' ? entryFromBytes(before.bytes, before.mode) : null;
      const af = after?.kind === 'file' ? entryFromBytes(after.bytes, after.mode) : null;
      const c = fileChange(path, bf, af);
      if (c) files.push(c);
    }
    return {
      access: this.fs.takeAccess(),
      mailSeen: this.mail.takeSeen(),
      diff: { files, dirs: { added, removed }, mail: this.mail.takeChanges(), services: this.services.takeChanges() },
    };
  }

  /** The clock this world stamps times with. */
  get now(): number {
    return this.clock.now();
  }
}
