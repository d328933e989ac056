import { SingleBar } from 'cli-progress';

/**
 * A progress bar on a terminal; on a pipe (CI, logs) a line every tenth of the way instead, so logs
 * stay readable.
 */
export function progressReporter(label: string, total: number): { update(done: number): void; stop(): void } {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    });
    bar.start(total, 0);
    return { update: (done) => bar.update(done), stop: () => bar.stop() };
  }
  let nextReport = 0;
  return {
    update(done) {
      if (done >= nextReport || done === total) {
        process.stderr.write(`${label}: ${done}/${total} (${Math.floor((done / total) * 100)}%)\n`);
        nextReport = done + Math.max(1, Math.ceil(total / 10));
      }
    },
    stop: () => undefined,
  };
}
