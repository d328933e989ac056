/**
 * JSON and NDJSON readers of the file import.
 *
 * JSON: one top-level array of submissions, streamed element by element with stream-json's
 * tokenizer and array streamer, driven piece by piece so that each element is known with the line it
 * starts on, and an element that spans a line with bad UTF-8 is rejected rather than stored with
 * replacement characters. NDJSON: one submission per line.
 */
import { jsonParser } from 'stream-json/core/parser.js';
import streamArray from 'stream-json/core/streamers/stream-array.js';
import { getManyValues, isMany, none } from 'stream-chain';
import { isPlainObject } from '../../platform/values';
import { badUtf8, FileError, ROW, type SourceRow } from './rows';
import { textLines, type TextPiece } from './text';

type Token = { name: string; value?: unknown };

function values<T>(output: unknown): T[] {
  if (output === none || output === undefined) return [];
  return isMany(output) ? (getManyValues(output) as T[]) : [output as T];
}

/** Tokens at array level that open an element (values are packed: no string or number chunks). */
const ELEMENT_STARTS = new Set(['startObject', 'startArray', 'stringValue', 'numberValue', 'nullValue', 'trueValue', 'falseValue']);

const NOT_AN_OBJECT = { field: ROW, rule: 'type', message: 'must be a JSON object: a submission { type, envelope, fields }' };

export async function* jsonRows(pieces: AsyncIterable<TextPiece>): AsyncGenerator<SourceRow> {
  const tokenize = jsonParser({ streamValues: false });
  const elements = streamArray();
  let started = false;
  let finished = false;
  let depth = 0;
  // The element being read: where it starts, and whether a line with bad UTF-8 is part of it.
  const current: { open: { line: number; bad: boolean } | null } = { open: null };
  let lastLine = 1;

  function* take(tokens: Token[], line: number, valid: boolean): Generator<SourceRow> {
    for (const token of tokens) {
      if (!started) {
        if (token.name !== 'startArray') {
          throw new FileError(line, 'json-shape', 'the file must hold one JSON array of submissions: [{ "type": …, "envelope": …, "fields": … }, …]');
        }
        started = true;
      }
      if (depth === 1 && !current.open && ELEMENT_STARTS.has(token.name)) current.open = { line, bad: false };
      if (token.name === 'startObject' || token.name === 'startArray') depth += 1;
      else if (token.name === 'endObject' || token.name === 'endArray') depth -= 1;
      if (depth === 0) finished = true;
      if (!valid && current.open) current.open.bad = true;
      for (const item of values<{ key: number; value: unknown }>(elements(token as never))) {
        const element = current.open ?? { line, bad: !valid };
        current.open = null;
        if (element.bad) yield { line: element.line, position: item.key, errors: [badUtf8()] };
        else if (!isPlainObject(item.value)) yield { line: element.line, position: item.key, errors: [NOT_AN_OBJECT] };
        else yield { line: element.line, position: item.key, submission: item.value, errors: [] };
      }
    }
  }

  for await (const piece of pieces) {
    lastLine = piece.line;
    let tokens: Token[];
    try {
      tokens = values<Token>(tokenize(piece.text));
    } catch {
      throw piece.valid
        ? new FileError(piece.line, 'json-syntax', 'the file is not valid JSON from this line on')
        : new FileError(piece.line, 'utf-8', 'this line is not valid UTF-8 (save the file as UTF-8)');
    }
    yield* take(tokens, piece.line, piece.valid);
    if (!piece.valid && current.open) current.open.bad = true;
  }
  let rest: Token[];
  try {
    rest = values<Token>(tokenize(none as never));
  } catch {
    throw new FileError(lastLine, 'json-syntax', 'the file ends before its JSON array is closed');
  }
  yield* take(rest, lastLine, true);
  if (!started || !finished) throw new FileError(lastLine, 'json-syntax', 'the file ends before its JSON array is closed');
}

export async function* ndjsonRows(pieces: AsyncIterable<TextPiece>): AsyncGenerator<SourceRow> {
  for await (const { line, text, valid, tooLong } of textLines(pieces)) {
    if (tooLong) {
      yield { line, errors: [{ field: ROW, rule: 'too-long', message: 'the line is longer than 16 MiB' }] };
    } else if (!valid) {
      yield { line, errors: [badUtf8()] };
    } else if (text.trim()) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        // JSON.parse's own message quotes the text: never echoed.
        yield { line, errors: [{ field: ROW, rule: 'json-syntax', message: 'is not valid JSON' }] };
        continue;
      }
      yield isPlainObject(value) ? { line, submission: value, errors: [] } : { line, errors: [NOT_AN_OBJECT] };
    }
  }
}
