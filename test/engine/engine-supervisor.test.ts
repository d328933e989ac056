/**
 * The supervisor's bounds: an engine that cannot be started again (its port taken meanwhile) is
 * tried as many times as there are delays, each attempt and failure logged, then given up with the
 * reason; an engine not started here (MONGODB_URI) is not watched. The restart itself, under a
 * running stack, is test/hardening/engine-restart.test.ts.
 */
import { once } from 'node:events';
import net from 'node:net';
import { superviseEngine } from '../../scripts/lib/engine-supervisor';

const engineStartedHere = process.env.TEST_ENGINE_KIND !== 'external';

(engineStartedHere ? it : it.skip)('gives up after its bounded attempts when the engine cannot come back, saying why', async () => {
  const lines: string[] = [];
  let gaveUp: (reason: string) => void = () => undefined;
  const givenUp = new Promise<string>((resolve) => (gaveUp = resolve));
  const engine = await superviseEngine({ env: { ...process.env, MONGODB_URI: '' }, log: (line) => lines.push(line), restartDelaysMs: [100, 100], onGiveUp: gaveUp });
  const port = Number(new URL(engine.uri).port);
  const squatter = net.createServer((socket) => socket.destroy());
  try {
    const died = engine.died as Promise<string>;
    process.kill(engine.pid as number, 'SIGKILL');
    await died;
    squatter.listen(port, '127.0.0.1');
    await once(squatter, 'listening');

    const reason = await givenUp;
    expect(reason).toMatch(/^FerretDB exited before it was ready/);
    expect(engine.restarts).toBe(0);
    expect(lines.filter((line) => line.startsWith('restart attempt'))).toEqual([
      `restart attempt 1 of 2 in 100 ms, on port ${port} with the data in ${lines.join('\n').match(/with the data in (\S+)/)?.[1]}`,
      expect.stringMatching(/^restart attempt 1 failed: FerretDB exited before it was ready/),
      expect.stringMatching(/^restart attempt 2 of 2 in 100 ms/),
      expect.stringMatching(/^restart attempt 2 failed: FerretDB exited before it was ready/),
    ]);
    expect(lines[lines.length - 1]).toBe(`giving up after 2 restart attempts in a row; the engine stays down (${reason})`);
  } finally {
    squatter.close();
    await engine.stop();
  }
}, 60_000);

it('leaves an engine it did not start alone', async () => {
  const engine = await superviseEngine({ env: { MONGODB_URI: process.env.MONGODB_URI }, log: () => undefined });
  expect(engine.kind).toBe('external');
  expect(engine.died).toBeUndefined();
  expect(engine.restarts).toBe(0);
  await engine.stop();
});
