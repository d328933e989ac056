import type { Publisher } from '../../publishing/publisher';

/**
 * Reads every owner's feed every `intervalMs` (0: never; the publishing API reads the owners it wrote
 * to after each write anyway), so records an administrator's tool wrote, or a write that was cut off,
 * reach the index without anyone asking. A round that fails (an owner is down) is tried again at the
 * next tick; rounds never overlap.
 */
export function startSync(publisher: Publisher, intervalMs: number): { stop(): Promise<void> } {
  if (intervalMs === 0) return { stop: async () => undefined };
  let round: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    round ??= publisher
      .syncAll()
      .catch(() => undefined)
      .finally(() => {
        round = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
