import { readFileSync } from 'node:fs';
import { GlasshouseError } from './errors';
import { EpisodeEvent, RECORD_SCHEMA_VERSION, RecordHeader, type EpisodeRecord } from './events';

// The record reader sits with the record's schema (it is that schema applied to a file), so a reader
// that needs only records (the report's worker threads) loads no engine; @glasshouse/engine re-exports it.

/**
 * Parse JSONL record text. A truncated or corrupt file is read back up to the last good event,
 * with a warning naming the line and what is wrong. A missing/corrupt header is an error.
 */
export function parseRecord(text: string, source = '<record>'): EpisodeRecord {
  const lines = text.split('\n');
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  if (lines.length === 0) throw new GlasshouseError('RECORD_CORRUPT', `${source}: empty record (no header line)`);
  let headerJson: unknown;
  try {
    headerJson = JSON.parse(lines[0] as string);
  } catch {
    throw new GlasshouseError('RECORD_CORRUPT', `${source}:1: header is not valid JSON`);
  }
  const version = (headerJson as { schemaVersion?: unknown })?.schemaVersion;
  if (typeof version === 'number' && version > RECORD_SCHEMA_VERSION) {
    throw new GlasshouseError('RECORD_VERSION', `${source}: record schema version ${version} is newer than this reader (${RECORD_SCHEMA_VERSION})`);
  }
  const header = RecordHeader.safeParse(headerJson);
  if (!header.success) {
    const issue = header.error.issues[0];
    throw new GlasshouseError('RECORD_CORRUPT', `${source}:1: invalid header at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
  }
  const events: EpisodeEvent[] = [];
  const warnings: string[] = [];
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(lines[i] as string);
    } catch {
      const truncated = i === lines.length - 1 && !text.endsWith('\n');
      warnings.push(
        `${source}:${lineNo}: ${truncated ? 'truncated last line' : 'line is not valid JSON'}; read ${events.length} events up to line ${lineNo - 1}`,
      );
      break;
    }
    const ev = EpisodeEvent.safeParse(json);
    if (!ev.success) {
      const issue = ev.error.issues[0];
      warnings.push(
        `${source}:${lineNo}: invalid event at ${issue?.path.join('.') || '(root)'}: ${issue?.message}; read ${events.length} events up to line ${lineNo - 1}`,
      );
      break;
    }
    if (ev.data.seq !== events.length) {
      warnings.push(`${source}:${lineNo}: event seq ${ev.data.seq} where ${events.length} was expected; read ${events.length} events up to line ${lineNo - 1}`);
      break;
    }
    events.push(ev.data);
  }
  if (!events.some((e) => e.type === 'episode.end') && warnings.length === 0) {
    warnings.push(`${source}: record has no episode.end event (the episode did not finish)`);
  }
  return { header: header.data, events, warnings };
}

export function readRecord(path: string): EpisodeRecord {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new GlasshouseError('RECORD_CORRUPT', `cannot read record ${path}: ${(err as Error).message}`);
  }
  return parseRecord(text, path);
}

/**
 * Read many records, skipping the unreadable ones (no header, a bad header, a newer schema) with a
 * warning naming the file and what is wrong, instead of stopping at the first. Records read in part
 * keep their own `warnings`.
 */
export function readRecords(paths: readonly string[]): { records: EpisodeRecord[]; skipped: { path: string; message: string }[] } {
  const records: EpisodeRecord[] = [];
  const skipped: { path: string; message: string }[] = [];
  for (const p of paths) {
    try {
      records.push(readRecord(p));
    } catch (err) {
      skipped.push({ path: p, message: (err as Error).message });
    }
  }
  return { records, skipped };
}
