import { Writable } from 'node:stream';

/** A log stream for servers started in a test, keeping every chunk they write, in order. */
export function captureLog(): { chunks: string[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { chunks, stream };
}
