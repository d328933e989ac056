import type { CommandStartedEvent } from 'mongodb';
import { mongoClient } from '../../storage/mongo';

/** Every MongoDB command the subgraphs' shared client sends while `run` runs (the driver's command monitoring). */
export async function commandsDuring(run: () => Promise<unknown>): Promise<CommandStartedEvent[]> {
  const client = await mongoClient(process.env.MONGODB_URI as string);
  const events: CommandStartedEvent[] = [];
  const listener = (event: CommandStartedEvent) => events.push(event);
  client.on('commandStarted', listener);
  try {
    await run();
  } finally {
    client.off('commandStarted', listener);
  }
  return events;
}

/** `<database>.<collection>` of a command. */
export const collectionOf = (event: CommandStartedEvent) => `${event.databaseName}.${String(event.command[event.commandName])}`;
