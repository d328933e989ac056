/**
 * Bytes to text for the file import, without ever replacing bad UTF-8 silently: the file is cut into
 * pieces that never cross a line end (a line feed byte never occurs inside a UTF-8 sequence), each
 * piece is decoded with a fatal decoder, and a piece that is not valid UTF-8 comes out marked with
 * its line number. Memory stays bounded: a line longer than MAX_PIECE_BYTES is handed on in pieces
 * cut at character boundaries.
 */

/** A run of text from one physical line (1-based); `endOfLine` when it ends with the line's `\n`. */
export interface TextPiece {
  line: number;
  text: string;
  /** False when the bytes were not valid UTF-8: `text` then holds U+FFFD in their place. */
  valid: boolean;
  endOfLine: boolean;
}

export const MAX_PIECE_BYTES = 1 << 20;
const LINE_FEED = 0x0a;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const lenient = new TextDecoder('utf-8', { ignoreBOM: true });

function decode(bytes: Buffer): { text: string; valid: boolean } {
  try {
    return { text: strict.decode(bytes), valid: true };
  } catch {
    return { text: lenient.decode(bytes), valid: false };
  }
}

/** Where to cut `bytes` so that no UTF-8 sequence is split: before an unfinished one at the end. */
function characterBoundary(bytes: Buffer): number {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const byte = bytes[i];
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte: look further back
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return i + length > bytes.length ? i : bytes.length;
  }
  return bytes.length;
}

/** Drops a UTF-8 byte order mark at the very start of a byte stream. */
export async function* withoutBom(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let head: Buffer | null = Buffer.alloc(0);
  for await (const chunk of source) {
    if (head === null) {
      yield chunk;
      continue;
    }
    head = Buffer.concat([head, chunk]);
    if (head.length < BOM.length && BOM.subarray(0, head.length).equals(head)) continue;
    yield head.subarray(0, 3).equals(BOM) ? head.subarray(3) : head;
    head = null;
  }
  if (head?.length) yield head;
}

/** The text of a byte stream in pieces, each within one line, each decoded strictly. */
export async function* textPieces(source: AsyncIterable<Buffer>, maxPiece = MAX_PIECE_BYTES): AsyncGenerator<TextPiece> {
  let line = 1;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of withoutBom(source)) {
    let start = 0;
    for (let end = chunk.indexOf(LINE_FEED, start); end !== -1; end = chunk.indexOf(LINE_FEED, start)) {
      const bytes = pending.length ? Buffer.concat([pending, chunk.subarray(start, end + 1)]) : chunk.subarray(start, end + 1);
      pending = Buffer.alloc(0);
      yield { line, ...decode(bytes), endOfLine: true };
      line += 1;
      start = end + 1;
    }
    if (start < chunk.length) pending = pending.length ? Buffer.concat([pending, chunk.subarray(start)]) : Buffer.from(chunk.subarray(start));
    if (pending.length >= maxPiece) {
      const cut = characterBoundary(pending);
      yield { line, ...decode(pending.subarray(0, cut)), endOfLine: false };
      pending = Buffer.from(pending.subarray(cut));
    }
  }
  if (pending.length) yield { line, ...decode(pending), endOfLine: true };
}

/**
 * Whole lines (without their `\r\n` or `\n`), for line-oriented formats. A line longer than
 * `maxLine` bytes is handed on as `tooLong` with no text, so one bad line cannot exhaust memory.
 */
export async function* textLines(
  pieces: AsyncIterable<TextPiece>,
  maxLine = 16 * MAX_PIECE_BYTES,
): AsyncGenerator<{ line: number; text: string; valid: boolean; tooLong: boolean }> {
  let parts: string[] = [];
  let length = 0;
  let valid = true;
  for await (const piece of pieces) {
    valid &&= piece.valid;
    length += piece.text.length;
    if (length <= maxLine) parts.push(piece.text);
    else parts = [];
    if (!piece.endOfLine) continue;
    const tooLong = length > maxLine;
    yield { line: piece.line, text: tooLong ? '' : parts.join('').replace(/\r?\n$/, ''), valid, tooLong };
    parts = [];
    length = 0;
    valid = true;
  }
}
