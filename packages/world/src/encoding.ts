/** Text if the bytes are valid UTF-8 that round-trips, else base64 (binary-safe snapshots). */
export function encodeContent(buf: Uint8Array): { content: string; encoding: 'utf8' | 'base64' } {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const text = b.toString('utf8');
  if (Buffer.byteLength(text, 'utf8') === b.length && Buffer.from(text, 'utf8').equals(b)) return { content: text, encoding: 'utf8' };
  return { content: b.toString('base64'), encoding: 'base64' };
}

export function decodeContent(f: { content: string; encoding: 'utf8' | 'base64' }): Buffer {
  return f.encoding === 'base64' ? Buffer.from(f.content, 'base64') : Buffer.from(f.content, 'utf8');
}

/** Encodings already computed, by buffer (contents are never mutated in place, so a buffer's encoding never changes). */
const encoded = new WeakMap<Buffer, { readonly content: string; readonly encoding: 'utf8' | 'base64' }>();

/** `encodeContent`, computed once per buffer: snapshots of worlds that share contents share the work. */
export function encodeContentOnce(buf: Buffer): { readonly content: string; readonly encoding: 'utf8' | 'base64' } {
  let e = encoded.get(buf);
  if (!e) {
    e = Object.freeze(encodeContent(buf));
    encoded.set(buf, e);
  }
  return e;
}
