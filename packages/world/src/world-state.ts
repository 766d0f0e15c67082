import { compareText } from '@glasshouse/schema';
import type { Blobs, Email, EpisodeEvent, MailChange, ServiceChange, SymlinkChange, WorldDiff, WorldSnapshot } from '@glasshouse/schema';
import { decodeContent, encodeContentOnce } from './encoding';
import { decodeAfter } from './file-change';
import type { FileBytes } from './file-change';

const cloneJson = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));

export type WorldEffects = Pick<WorldDiff, 'files'> & Partial<Omit<WorldDiff, 'files'>>;

/**
 * The world as the record describes it: files, directories (with modes), symlinks, mail and
 * services, folded from events by ONE reducer (`apply`). Live episodes, fork, replay and regrade
 * all fold the same events through it, so a world rebuilt from the log equals the live one by
 * construction. Updates are in place; `clone()` is cheap (content buffers are shared, never mutated).
 */
export class WorldState {
  readonly files: Map<string, FileBytes>;
  /** Directory → mode. */
  readonly dirs: Map<string, number>;
  readonly symlinks: Map<string, string>;
  /** Contents stored by hash in the record so far. */
  readonly blobs: Map<string, Buffer>;
  services: Map<string, unknown>;
  mail: { owner: string; ownerName: string; messages: Email[]; contacts: WorldSnapshot['mail']['contacts'] };

  private constructor(mail: WorldState['mail'], from?: WorldState) {
    this.mail = mail;
    this.files = new Map(from?.files);
    this.dirs = new Map(from?.dirs);
    this.symlinks = new Map(from?.symlinks);
    this.blobs = new Map(from?.blobs);
    this.services = new Map(from?.services);
  }

  /** A state from its parts (contents are shared, never copied: they are never mutated in place). */
  static fromParts(parts: {
    files: Iterable<[string, FileBytes]>;
    dirs: Iterable<[string, number]>;
    symlinks: Iterable<[string, string]>;
    mail: WorldSnapshot['mail'];
    services: Record<string, unknown>;
  }): WorldState {
    const s = new WorldState(cloneJson(parts.mail));
    for (const [p, f] of parts.files) s.files.set(p, f);
    for (const [d, m] of parts.dirs) s.dirs.set(d, m);
    for (const [p, t] of parts.symlinks) s.symlinks.set(p, t);
    for (const [k, v] of Object.entries(parts.services)) s.services.set(k, cloneJson(v));
    return s;
  }

  static fromSnapshot(snap: WorldSnapshot): WorldState {
    const s = new WorldState(cloneJson(snap.mail));
    for (const [p, f] of Object.entries(snap.files)) s.files.set(p, { bytes: decodeContent(f), mode: f.mode });
    for (const d of snap.dirs) s.dirs.set(d, snap.dirModes?.[d] ?? 0o755);
    for (const [p, t] of Object.entries(snap.symlinks ?? {})) s.symlinks.set(p, t);
    for (const [k, v] of Object.entries(snap.services)) s.services.set(k, cloneJson(v));
    return s;
  }

  /** An independent copy; O(entries), contents shared. */
  clone(): WorldState {
    return new WorldState({ ...this.mail, messages: this.mail.messages.map((m) => ({ ...m })), contacts: this.mail.contacts }, this);
  }

  /** Fold one recorded event into the world (events without world effects are ignored). */
  apply(ev: EpisodeEvent): this {
    if (ev.type === 'world.changed')
      this.applyDiff({
        files: ev.files,
        dirs: ev.dirs,
        services: ev.services,
        ...(ev.symlinks ? { symlinks: ev.symlinks } : {}),
        ...(ev.blobs ? { blobs: ev.blobs } : {}),
      });
    else if (ev.type === 'mail.sent') this.applyMail([{ kind: 'sent', messageId: ev.message.id, folder: ev.message.folder, message: ev.message }]);
    else if (ev.type === 'mail.changed') this.applyMail(ev.changes);
    return this;
  }

  applyDiff(diff: WorldEffects): this {
    this.addBlobs(diff.blobs);
    for (const f of diff.files) {
      if (!f.after) this.files.delete(f.path);
      else {
        const bytes = decodeAfter(f.path, f.after, this.files.get(f.path)?.bytes, (h) => this.blobs.get(h), f.afterHash);
        this.files.set(f.path, { bytes, mode: f.after.mode });
      }
    }
    for (const d of diff.dirs?.removed ?? []) this.dirs.delete(d);
    for (const d of diff.dirs?.added ?? []) this.dirs.set(d, 0o755);
    for (const [d, mode] of Object.entries(diff.dirs?.modes ?? {})) this.dirs.set(d, mode);
    this.applySymlinks(diff.symlinks ?? []);
    this.applyMail(diff.mail ?? []);
    this.applyServices(diff.services ?? []);
    return this;
  }

  /**
   * The state as a plain snapshot. File entries are made once per file version and shared (frozen)
   * by every snapshot that holds it, so a snapshot of a large world that changed little costs a
   * sorted walk of its paths.
   */
  snapshot(): WorldSnapshot {
    const files: WorldSnapshot['files'] = {};
    for (const p of [...this.files.keys()].sort(compareText)) {
      files[p] = entryOf(this.files.get(p) as FileBytes);
    }
    const dirs = [...this.dirs.keys()].sort(compareText);
    const dirModes: Record<string, number> = {};
    for (const d of dirs) if (this.dirs.get(d) !== 0o755) dirModes[d] = this.dirs.get(d) as number;
    const symlinks: Record<string, string> = {};
    for (const p of [...this.symlinks.keys()].sort(compareText)) symlinks[p] = this.symlinks.get(p) as string;
    const services: Record<string, unknown> = {};
    for (const k of [...this.services.keys()].sort(compareText)) services[k] = cloneJson(this.services.get(k));
    return { files, dirs, symlinks, ...(Object.keys(dirModes).length ? { dirModes } : {}), mail: cloneJson(this.mail), services };
  }

  private addBlobs(blobs: Blobs | undefined): void {
    for (const [hash, c] of Object.entries(blobs ?? {})) if (!this.blobs.has(hash)) this.blobs.set(hash, decodeContent(c));
  }

  private applySymlinks(changes: readonly SymlinkChange[]): void {
    for (const c of changes) {
      if (c.target === null) this.symlinks.delete(c.path);
      else this.symlinks.set(c.path, c.target);
    }
  }

  private applyServices(changes: readonly ServiceChange[]): void {
    for (const s of changes) this.services.set(s.service, cloneJson(s.after ?? null));
  }

  private applyMail(changes: readonly MailChange[]): void {
    const msgs = this.mail.messages;
    for (const c of changes) {
      const i = msgs.findIndex((m) => m.id === c.messageId);
      if (c.kind === 'sent' && c.message && i < 0) msgs.push(cloneJson(c.message));
      else if (c.kind === 'moved' && i >= 0 && c.folder) msgs[i] = { ...(msgs[i] as Email), folder: c.folder };
      else if (c.kind === 'deleted' && i >= 0) msgs.splice(i, 1);
      else if (c.kind === 'flagged' && i >= 0) msgs[i] = { ...(msgs[i] as Email), read: !(msgs[i] as Email).read };
    }
  }
}

type FileEntry = WorldSnapshot['files'][string];
/** Snapshot entries by file (a FileBytes is never changed: the reducer replaces it), frozen because snapshots share them. */
const entries = new WeakMap<FileBytes, FileEntry>();

function entryOf(f: FileBytes): FileEntry {
  let e = entries.get(f);
  if (!e) {
    const c = encodeContentOnce(f.bytes);
    e = Object.freeze({ content: c.content, encoding: c.encoding, mode: f.mode });
    entries.set(f, e);
  }
  return e;
}
