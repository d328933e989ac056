/**
 * Graceful stop of an HTTP server that answers every request it has received, keep-alive sockets
 * included. Apollo's drain plugin (stoppable) ends an idle keep-alive socket at once and a busy one
 * right after its answer, without telling the client: a request already on its way on such a socket
 * got no answer at all (3 of 13 in issue 10). Here, once the drain starts:
 *   1. the listening socket closes (new connections are refused by the kernel, before anything is sent);
 *   2. every answer not yet started carries `Connection: close`, and the socket closes after it, so a
 *      client learns from the answer itself not to send on it again;
 *   3. a socket with nothing in flight is given IDLE_SOCKET_GRACE_MS for a request already on the
 *      wire to arrive (it is answered as in 2), then ended;
 *   4. after `timeoutMs` whatever is left is destroyed, so a stop is bounded.
 */
import type { Server, IncomingMessage, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';
import type { ApolloServerPlugin } from '@apollo/server';

/** How long an idle keep-alive socket stays open after the drain starts, for a request already sent on it. */
export const IDLE_SOCKET_GRACE_MS = 500;
/** The longest a drain waits for requests in flight (above the gateway's 10 s subgraph timeout). */
export const DRAIN_TIMEOUT_MS = 15_000;

/**
 * Watches `server`'s sockets from now on (call before it listens) and returns the drain: it stops
 * accepting connections, answers what was received, closes every socket, and is true when nothing
 * had to be cut off. Calling it again returns the same drain.
 */
export function drainer(server: Server, timeoutMs = DRAIN_TIMEOUT_MS): () => Promise<boolean> {
  const inFlight = new Map<Socket, number>();
  const answering = new Set<ServerResponse>();
  let draining = false;
  let stopping: Promise<boolean> | undefined;

  const closeIfIdle = (socket: Socket) => {
    if (inFlight.get(socket) === 0) socket.end();
  };

  server.on('connection', (socket: Socket) => {
    inFlight.set(socket, 0);
    socket.once('close', () => inFlight.delete(socket));
    if (draining) setTimeout(() => closeIfIdle(socket), IDLE_SOCKET_GRACE_MS).unref();
  });
  // Before the application's own listener, so the header is set before anything can be written.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const socket = req.socket;
    inFlight.set(socket, (inFlight.get(socket) ?? 0) + 1);
    if (draining) res.shouldKeepAlive = false;
    answering.add(res);
    res.once('close', () => {
      answering.delete(res);
      const pending = (inFlight.get(socket) ?? 1) - 1;
      inFlight.set(socket, pending);
      if (draining && pending === 0) socket.end();
    });
  });

  const drain = async (): Promise<boolean> => {
    draining = true;
    const closed = new Promise<void>((resolve) => {
      // net's close, not http's: http's also ends idle sockets at once, which is the race this avoids.
      NetServer.prototype.close.call(server, () => resolve());
    });
    for (const res of answering) if (!res.headersSent) res.shouldKeepAlive = false;
    const idle = setTimeout(() => inFlight.forEach((_, socket) => closeIfIdle(socket)), IDLE_SOCKET_GRACE_MS);
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const graceful = await Promise.race([closed.then(() => true), timedOut]);
    clearTimeout(idle);
    clearTimeout(timer);
    if (!graceful) {
      inFlight.forEach((_, socket) => socket.destroy());
      await closed;
    }
    return graceful;
  };

  return () => (stopping ??= drain());
}

/** Apollo Server's drain hook running `drainer` on `server`: use instead of ApolloServerPluginDrainHttpServer. */
export function drainPlugin(server: Server): ApolloServerPlugin {
  const drain = drainer(server);
  return {
    async serverWillStart() {
      return {
        async drainServer() {
          await drain();
        },
      };
    },
  };
}
