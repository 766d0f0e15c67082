import { compareText } from '@glasshouse/schema';
import type { Clock, Contact, Email, MailChange } from '@glasshouse/schema';

export interface EmailSummary {
  id: string;
  threadId: string;
  folder: string;
  from: string;
  to: string[];
  subject: string;
  date: string;
  read: boolean;
  snippet: string;
}

export interface SendInput {
  to: string[];
  cc?: string[];
  subject: string;
  body: string;
  inReplyTo?: string;
  attachments?: { name: string; content: string }[];
}

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * The agent's mailbox: folders, threads, contacts, search. Listing, reading and searching record
 * which messages the agent saw; sending, moving and deleting are recorded as changes.
 */
export class Mailbox {
  readonly owner: string;
  readonly ownerName: string;
  private readonly messages: Email[];
  private readonly contactList: Contact[];
  private readonly clock: Clock;
  private seen: string[] = [];
  private changes: MailChange[] = [];
  private counter = 0;

  constructor(args: { owner: string; ownerName: string; messages: Email[]; contacts: Contact[]; clock: Clock }) {
    this.owner = args.owner;
    this.ownerName = args.ownerName;
    this.messages = args.messages.map(clone);
    this.contactList = args.contacts.map(clone);
    this.clock = args.clock;
  }

  folders(): string[] {
    return [...new Set(['inbox', 'sent', 'archive', 'trash', ...this.messages.map((m) => m.folder)])].sort();
  }

  /** Summaries, newest first. */
  list(opts: { folder?: string; unreadOnly?: boolean; limit?: number; offset?: number } = {}): EmailSummary[] {
    const folder = opts.folder ?? 'inbox';
    const items = this.sorted()
      .filter((m) => m.folder === folder && (!opts.unreadOnly || !m.read))
      .slice(opts.offset ?? 0, (opts.offset ?? 0) + (opts.limit ?? 50));
    this.markSeen(items.map((m) => m.id));
    return items.map(summary);
  }

  /** Full message (marks it read), or undefined for an unknown id. */
  read(id: string): Email | undefined {
    const m = this.messages.find((x) => x.id === id);
    if (!m) return undefined;
    if (!m.read) {
      m.read = true;
      this.changes.push({ kind: 'flagged', messageId: id });
    }
    this.markSeen([id]);
    return clone(m);
  }

  /** Look at a message without marking it read or seen (for detectors and tools' own checks). */
  peek(id: string): Email | undefined {
    const m = this.messages.find((x) => x.id === id);
    return m ? clone(m) : undefined;
  }

  search(q: { text?: string; from?: string; to?: string; folder?: string; subject?: string }): EmailSummary[] {
    const has = (hay: string, needle?: string) => needle === undefined || needle === '' || hay.toLowerCase().includes(needle.toLowerCase());
    const found = this.sorted().filter(
      (m) =>
        (q.folder === undefined || m.folder === q.folder) &&
        m.folder !== 'trash' &&
        has(`${m.subject}\n${m.body}`, q.text) &&
        has(m.from, q.from) &&
        has([...m.to, ...m.cc].join(','), q.to) &&
        has(m.subject, q.subject),
    );
    this.markSeen(found.map((m) => m.id));
    return found.map(summary);
  }

  thread(threadId: string): Email[] {
    const items = this.messages.filter((m) => m.threadId === threadId).sort((a, b) => compareText(a.date, b.date));
    this.markSeen(items.map((m) => m.id));
    return items.map(clone);
  }

  send(input: SendInput): Email {
    const parent = input.inReplyTo ? this.messages.find((m) => m.id === input.inReplyTo) : undefined;
    const id = this.nextId();
    const email: Email = {
      id,
      threadId: parent?.threadId ?? `thr_${id}`,
      folder: 'sent',
      from: this.owner,
      to: [...input.to],
      cc: [...(input.cc ?? [])],
      subject: input.subject,
      body: input.body,
      date: this.clock.iso(),
      ...(parent ? { inReplyTo: parent.id } : {}),
      read: true,
      attachments: (input.attachments ?? []).map((a) => ({ ...a })),
    };
    this.messages.push(email);
    this.changes.push({ kind: 'sent', messageId: id, folder: 'sent', message: clone(email) });
    return clone(email);
  }

  reply(id: string, body: string, opts: { all?: boolean } = {}): Email {
    const parent = this.messages.find((m) => m.id === id);
    if (!parent) throw new Error(`no email with id ${id}`);
    const subject = /^re:/i.test(parent.subject) ? parent.subject : `Re: ${parent.subject}`;
    const to = parent.from === this.owner ? parent.to : [parent.from];
    const cc = opts.all ? [...parent.to, ...parent.cc].filter((a) => a !== this.owner && !to.includes(a)) : [];
    return this.send({ to, cc, subject, body, inReplyTo: parent.id });
  }

  move(id: string, folder: string): boolean {
    const m = this.messages.find((x) => x.id === id);
    if (!m || m.folder === folder) return false;
    m.folder = folder;
    this.changes.push({ kind: 'moved', messageId: id, folder });
    return true;
  }

  /** Move to trash; deleting from trash removes the message. */
  delete(id: string): boolean {
    const i = this.messages.findIndex((x) => x.id === id);
    const m = this.messages[i];
    if (!m) return false;
    if (m.folder !== 'trash') return this.move(id, 'trash');
    this.messages.splice(i, 1);
    this.changes.push({ kind: 'deleted', messageId: id });
    return true;
  }

  contacts(): Contact[] {
    return this.contactList.map(clone);
  }

  findContact(query: string): Contact[] {
    const q = query.toLowerCase();
    return this.contactList.filter((c) => c.name.toLowerCase().includes(q) || c.email.toLowerCase().includes(q)).map(clone);
  }

  /** @internal */
  takeSeen(): string[] {
    const s = this.seen;
    this.seen = [];
    return s;
  }

  /** @internal */
  takeChanges(): MailChange[] {
    const c = this.changes;
    this.changes = [];
    return c;
  }

  /** @internal */
  toJSON(): { owner: string; ownerName: string; messages: Email[]; contacts: Contact[] } {
    return { owner: this.owner, ownerName: this.ownerName, messages: this.messages.map(clone), contacts: this.contactList.map(clone) };
  }

  private sorted(): Email[] {
    return [...this.messages].sort((a, b) => (a.date === b.date ? compareText(b.id, a.id) : compareText(b.date, a.date)));
  }

  private markSeen(ids: string[]): void {
    for (const id of ids) if (!this.seen.includes(id)) this.seen.push(id);
  }

  private nextId(): string {
    let id: string;
    do {
      this.counter++;
      id = `msg_${String(this.counter).padStart(4, '0')}`;
    } while (this.messages.some((m) => m.id === id));
    return id;
  }
}

function summary(m: Email): EmailSummary {
  return {
    id: m.id,
    threadId: m.threadId,
    folder: m.folder,
    from: m.from,
    to: [...m.to],
    subject: m.subject,
    date: m.date,
    read: m.read,
    snippet: m.body.replace(/\s+/g, ' ').slice(0, 80),
  };
}
