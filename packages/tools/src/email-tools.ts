import { z } from 'zod';
import { defineTool, ToolError } from './tool';
import { capText } from './format';

function renderSummary(m: { id: string; from: string; subject: string; date: string; read: boolean }): string {
  return `${m.id}  ${m.read ? ' ' : '*'} ${m.date}  ${m.from}  ${m.subject}`;
}

export const listEmailsTool = defineTool({
  name: 'list_emails',
  description: 'List emails in a mailbox folder, newest first. Unread messages are marked with *.',
  input: z.object({
    folder: z.string().default('inbox'),
    unread_only: z.boolean().optional(),
    limit: z.number().int().min(1).max(200).default(50),
  }),
  handler({ folder, unread_only, limit }, ctx) {
    const items = ctx.world.mail.list({ folder, unreadOnly: unread_only ?? false, limit });
    if (items.length === 0) return `No emails in ${folder}.`;
    return items.map(renderSummary).join('\n');
  },
});

export const readEmailTool = defineTool({
  name: 'read_email',
  description: 'Read one email by id.',
  input: z.object({ id: z.string().min(1) }),
  handler({ id }, ctx) {
    const m = ctx.world.mail.read(id);
    if (!m) throw new ToolError(`No email with id ${id}`, 'EMAIL_NOT_FOUND');
    const head = [`From: ${m.from}`, `To: ${m.to.join(', ')}`];
    if (m.cc.length) head.push(`Cc: ${m.cc.join(', ')}`);
    head.push(`Date: ${m.date}`, `Subject: ${m.subject}`);
    const att = m.attachments.length ? `\n\nAttachments:\n${m.attachments.map((a) => `--- ${a.name} ---\n${a.content}`).join('\n')}` : '';
    return capText(`${head.join('\n')}\n\n${m.body}${att}`, 100_000);
  },
});

export const searchEmailsTool = defineTool({
  name: 'search_emails',
  description: 'Search emails by text (subject and body), sender or recipient.',
  input: z.object({
    query: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
    folder: z.string().optional(),
  }),
  handler({ query, from, to, folder }, ctx) {
    const found = ctx.world.mail.search({ text: query, from, to, folder });
    if (found.length === 0) return 'No matching emails.';
    return found.map(renderSummary).join('\n');
  },
});

export const sendEmailTool = defineTool({
  name: 'send_email',
  description: 'Send an email from your account.',
  input: z.object({
    to: z.array(z.string().min(3)).min(1),
    cc: z.array(z.string().min(3)).optional(),
    subject: z.string(),
    body: z.string(),
    attachments: z.array(z.string()).optional().describe('Paths of files to attach'),
  }),
  async handler({ to, cc, subject, body, attachments }, ctx) {
    const files: { name: string; content: string }[] = [];
    for (const p of attachments ?? []) {
      try {
        // Binary files (a gzip, an image) travel base64-encoded, as MIME does; text stays text.
        const bytes = ctx.world.fs.readFileBufferSync(ctx.world.resolvePath(p));
        const text = bytes.toString('utf8');
        files.push({ name: p.split('/').pop() ?? p, content: Buffer.from(text, 'utf8').equals(bytes) ? text : bytes.toString('base64') });
      } catch (err) {
        throw new ToolError(`cannot attach ${p}: ${(err as Error).message}`, 'ATTACHMENT_FAILED');
      }
    }
    const sent = ctx.world.mail.send({ to, cc: cc ?? [], subject, body, attachments: files });
    return `Sent ${sent.id} to ${to.join(', ')}`;
  },
});

export const replyEmailTool = defineTool({
  name: 'reply_email',
  description: 'Reply to an email by id (reply_all includes the other recipients).',
  input: z.object({ id: z.string().min(1), body: z.string(), reply_all: z.boolean().optional() }),
  handler({ id, body, reply_all }, ctx) {
    if (!ctx.world.mail.read(id)) throw new ToolError(`No email with id ${id}`, 'EMAIL_NOT_FOUND');
    const sent = ctx.world.mail.reply(id, body, { all: reply_all ?? false });
    return `Sent ${sent.id} to ${sent.to.join(', ')}`;
  },
});

export const emailTools = [listEmailsTool, readEmailTool, searchEmailsTool, sendEmailTool, replyEmailTool] as const;
