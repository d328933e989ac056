/**
 * Figure 3: the MongoDB commands one request costs, counted with the driver's command monitoring on
 * the client the subgraphs share (storage/mongo.ts), per collection.
 */
import type { CommandFailedEvent, CommandStartedEvent, CommandSucceededEvent } from 'mongodb';
import { isRecordTypeName, RECORD_TYPES } from '../../model/record-types';
import { mongoClient } from '../../storage/mongo';
import { cataloguePage, expectData, post } from './queries';

export interface CommandCount {
  records: number;
  /** Distinct domains among the page's records. */
  domains: string[];
  /** `collection` (database prefix dropped) → commands. */
  perCollection: Record<string, number>;
  /** `collection` → command name → count, e.g. `{ find: 1, killCursors: 1 }`. */
  byCommand: Record<string, Record<string, number>>;
  total: number;
  maxPerCollection: number;
}

interface PageData {
  catalogue: { edges: Array<{ node: { __typename: string } }> };
}

/** Sends a 100-record catalogue page to `gatewayUrl` and counts the commands of databases named `<prefix>_*`. */
export async function countCommands(uri: string, prefix: string, gatewayUrl: string): Promise<CommandCount> {
  const client = await mongoClient(uri);
  const events: CommandStartedEvent[] = [];
  const listener = (event: CommandStartedEvent) => {
    if (event.databaseName.startsWith(`${prefix}_`)) events.push(event);
  };
  client.on('commandStarted', listener);
  let data: PageData;
  try {
    data = expectData(await post<PageData>(gatewayUrl, cataloguePage(100)), 'catalogue page of 100');
  } finally {
    client.off('commandStarted', listener);
  }
  const byCommand: Record<string, Record<string, number>> = {};
  for (const event of events) {
    const target = event.command[event.commandName];
    // killCursors names its collection in `killCursors`, getMore in `collection`.
    const collection = typeof event.command.collection === 'string' ? event.command.collection : typeof target === 'string' ? target : '(none)';
    const key = `${event.databaseName.slice(prefix.length + 1)}.${collection}`;
    byCommand[key] ??= {};
    byCommand[key][event.commandName] = (byCommand[key][event.commandName] ?? 0) + 1;
  }
  const sorted = Object.entries(byCommand).sort(([a], [b]) => a.localeCompare(b));
  const perCollection = Object.fromEntries(sorted.map(([key, commands]) => [key, Object.values(commands).reduce((s, n) => s + n, 0)]));
  const edges = data.catalogue.edges;
  return {
    records: edges.length,
    domains: [...new Set(edges.map((e) => (isRecordTypeName(e.node.__typename) ? RECORD_TYPES[e.node.__typename].domain : e.node.__typename)))].sort(),
    perCollection,
    byCommand: Object.fromEntries(sorted),
    total: events.length,
    maxPerCollection: Math.max(0, ...Object.values(perCollection)),
  };
}

export interface EngineTime {
  commands: number;
  /** Sum of the commands' durations as the driver saw them (overlapping ones add up). */
  milliseconds: number;
}

/** Starts summing the time of every command on databases `<prefix>_*`; stop() returns the sums. */
export async function watchEngineTime(uri: string, prefix: string): Promise<{ stop(): EngineTime }> {
  const client = await mongoClient(uri);
  const total: EngineTime = { commands: 0, milliseconds: 0 };
  const listener = (event: CommandSucceededEvent | CommandFailedEvent) => {
    if (!event.databaseName.startsWith(`${prefix}_`)) return;
    total.commands += 1;
    total.milliseconds += event.duration;
  };
  client.on('commandSucceeded', listener);
  client.on('commandFailed', listener);
  return {
    stop: () => {
      client.off('commandSucceeded', listener);
      client.off('commandFailed', listener);
      return { ...total };
    },
  };
}
