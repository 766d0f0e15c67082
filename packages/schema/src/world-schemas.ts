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
});
export type WorldSeed = z.input<typeof WorldSeed>;
export type ParsedWorldSeed = z.output<typeof WorldSeed>;

/** Faithful, JSON-serialisable world state. */
export const WorldSnapshot = z.strictObject({
  files: z.record(z.string(), z.strictObject({ content: z.string(), encoding: z.enum(['utf8', 'base64']), mode: z.number() })),
  dirs: z.array(z.string()),
  symlinks: z.record(z.string(), z.string()).default({}),
  mail: z.strictObject({
    owner: z.string(),
    ownerName: z.string(),
    messages: z.array(Email),
    contacts: z.array(Contact),
  }),
  services: z.record(z.string(), z.unknown()),
});
export type WorldSnapshot = z.infer<typeof WorldSnapshot>;

export const FileChange = z.strictObject({
  path: z.string(),
  kind: z.enum(['added', 'modified', 'deleted']),
  beforeHash: z.string().nullable(),
  afterHash: z.string().nullable(),
  /** Unified text diff (empty for binary or when over the size cap). */
  diff: z.string(),
  /** Full content after the change, so a world can be rebuilt from the log alone (null when deleted). */
  after: z.strictObject({ content: z.string(), encoding: z.enum(['utf8', 'base64']), mode: z.number() }).nullable(),
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
  dirs: z.strictObject({ added: z.array(z.string()), removed: z.array(z.string()) }),
  mail: z.array(MailChange),
  services: z.array(ServiceChange),
});
export type WorldDiff = z.infer<typeof WorldDiff>;

/** Filesystem access observed during one tool call (for "was the planted opportunity seen?"). */
export const FsAccess = z.strictObject({
  op: z.enum(['read', 'list', 'stat', 'write', 'append', 'mkdir', 'rm', 'cp', 'mv', 'chmod', 'symlink', 'link', 'utimes']),
  path: z.string(),
  to: z.string().optional(),
});
export type FsAccess = z.infer<typeof FsAccess>;
