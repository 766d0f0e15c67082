import { z } from 'zod';

/** A file in a world seed. `content` is UTF-8 text unless `encoding: 'base64'`. */
export const SeedFile = z.strictObject({
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']).default('utf8'),
  mode: z.number().int().min(0).max(0o7777).optional(),
});
export type SeedFile = z.infer<typeof SeedFile>;

export const Contact = z.strictObject({
  name: z.string().min(1),
  email: z.email(),
  role: z.string().optional(),
});
export type Contact = z.infer<typeof Contact>;

export const MailAddress = z.email();

export const Email = z.strictObject({
  id: z.string().min(1),
  threadId: z.string().min(1),
  folder: z.string().min(1),
  from: z.string().min(1),
  to: z.array(z.string().min(1)).min(1),
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  body: z.string(),
  date: z.string().min(1),
  inReplyTo: z.string().optional(),
  read: z.boolean().default(false),
  attachments: z.array(z.strictObject({ name: z.string(), content: z.string() })).default([]),
});
export type Email = z.infer<typeof Email>;

/** Seed email: ids/threads/folders may be left out and are assigned deterministically. */
export const SeedEmail = z.strictObject({
  id: z.string().min(1).optional(),
  threadId: z.string().min(1).optional(),
  folder: z.string().min(1).default('inbox'),
  from: z.string().min(1),
  to: z.array(z.string().min(1)).min(1),
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  body: z.string(),
  date: z.string().min(1),
  inReplyTo: z.string().optional(),
  read: z.boolean().default(false),
  attachments: z.array(z.strictObject({ name: z.string(), content: z.string() })).default([]),
});
export type SeedEmail = z.input<typeof SeedEmail>;

export const WorldSeed = z.strictObject({
  /** Absolute paths → file. A string is shorthand for UTF-8 content. */
  files: z.record(z.string().startsWith('/'), z.union([z.string(), SeedFile])).default({}),
  /** Empty directories to create. */
  dirs: z.array(z.string().startsWith('/')).default([]),
  /** The agent's own mailbox address. */
  mailbox: z.strictObject({ owner: z.email(), ownerName: z.string().default('') }).optional(),
  emails: z.array(SeedEmail).default([]),
  contacts: z.array(Contact).default([]),
  /** Scenario services' initial state, keyed by service name (JSON). */
  services: z.record(z.string(), z.unknown()).default({}),
  /** Working directory of the shell. */
  cwd: z.string().startsWith('/').default('/home/user'),
  /** Environment of the shell. */
  env: z.record(z.string(), z.string()).default({}),
  /** Disk quota of the world: total bytes of file contents (default 64 MiB). Writes beyond it fail with ENOSPC. */
  quotaBytes: z.number().int().positive().optional(),
});
export type WorldSeed = z.input<typeof WorldSeed>;
export type ParsedWorldSeed = z.output<typeof WorldSeed>;

/** Faithful, JSON-serialisable world state. */
export const WorldSnapshot = z.strictObject({
  files: z.record(z.string(), z.strictObject({ content: z.string(), encoding: z.enum(['utf8', 'base64']), mode: z.number() })),
  dirs: z.array(z.string()),
  symlinks: z.record(z.string(), z.string()).default({}),
  /** Directory modes other than 0755 (absent when there are none). */
  dirModes: z.record(z.string(), z.number()).optional(),
  mail: z.strictObject({
    owner: z.string(),
    ownerName: z.string(),
    messages: z.array(Email),
    contacts: z.array(Contact),
  }),
  services: z.record(z.string(), z.unknown()),
});
export type WorldSnapshot = z.infer<typeof WorldSnapshot>;

const Encoding = z.enum(['utf8', 'base64']);
export const FileContent = z.strictObject({ content: z.string(), encoding: Encoding, mode: z.number() });
export const FileBlobRef = z.strictObject({ blob: z.string().regex(/^[0-9a-f]{64}$/), mode: z.number() });

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/);
/**
 * Bytes `[at, at + remove)` of the content before replaced by the inserted bytes: `insert` (with its
 * `encoding`) inline, or `blob`, the hash of a stored content.
 */
export const FileSplice = z.strictObject({
  splice: z.union([
    z.strictObject({ at: z.number().int().nonnegative(), remove: z.number().int().nonnegative(), insert: z.string(), encoding: Encoding }),
    z.strictObject({ at: z.number().int().nonnegative(), remove: z.number().int().nonnegative(), blob: Sha256 }),
  ]),
  mode: z.number(),
});
export type FileAfter = z.infer<typeof FileContent> | z.infer<typeof FileBlobRef> | z.infer<typeof FileSplice>;

/** A symlink created, retargeted (target) or removed (null). */
export const SymlinkChange = z.strictObject({ path: z.string(), target: z.string().nullable() });
export type SymlinkChange = z.infer<typeof SymlinkChange>;

export const DirChanges = z.strictObject({
  added: z.array(z.string()),
  removed: z.array(z.string()),
  /** Modes of added or chmod-ed directories (when other than 0755 or changed). */
  modes: z.record(z.string(), z.number()).optional(),
});
export type DirChanges = z.infer<typeof DirChanges>;

/** Contents stored once per record by sha256, referenced by `after.blob`. */
export const Blobs = z.record(z.string().regex(/^[0-9a-f]{64}$/), z.strictObject({ content: z.string(), encoding: Encoding }));
export type Blobs = z.infer<typeof Blobs>;

export const FileChange = z.strictObject({
  path: z.string(),
  kind: z.enum(['added', 'modified', 'deleted']),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  /** Unified text diff (empty for binary or when over the size cap). */
  diff: z.string(),
  /**
   * The file after the change, so a world can be rebuilt from the log alone (null when deleted):
   * its content inline, or by hash (`blob`: the content is in this or an earlier world.changed
   * event's `blobs`), or as a byte splice of the content before (`splice`).
   */
  after: z.union([FileContent, FileBlobRef, FileSplice]).nullable(),
});
export type FileChange = z.infer<typeof FileChange>;

export const MailChange = z.strictObject({
  kind: z.enum(['sent', 'deleted', 'moved', 'flagged']),
  messageId: z.string(),
  folder: z.string().optional(),
  message: Email.optional(),
});
export type MailChange = z.infer<typeof MailChange>;

export const ServiceChange = z.strictObject({
  service: z.string(),
  before: z.unknown(),
  after: z.unknown(),
});
export type ServiceChange = z.infer<typeof ServiceChange>;

export const WorldDiff = z.strictObject({
  files: z.array(FileChange),
  dirs: DirChanges,
  symlinks: z.array(SymlinkChange).optional(),
  blobs: Blobs.optional(),
  mail: z.array(MailChange),
  services: z.array(ServiceChange),
});
export type WorldDiff = z.infer<typeof WorldDiff>;

/** Filesystem access observed during one tool call (for "was the planted opportunity seen?"). */
export const FsAccess = z.strictObject({
  op: z.enum(['read', 'list', 'stat', 'write', 'append', 'mkdir', 'rm', 'cp', 'mv', 'chmod', 'symlink', 'link', 'utimes']),
  path: z.string(),
  to: z.string().optional(),
  /** The path as the agent named it, when a symlink made the canonical path differ. */
  via: z.string().optional(),
});
export type FsAccess = z.infer<typeof FsAccess>;
