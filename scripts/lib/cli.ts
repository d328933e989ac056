/**
 * What the command-line scripts share: how they fail. A UsageError (exit code 2) and the errors whose
 * message says all (the engine, the configuration, a CommandError) print their message; anything
 * else is a bug and prints its stack (exit code 1).
 */
import { ConfigError } from '../../platform/config';
import { EngineUnavailableError } from './engine';

/** The command was called wrongly; the message says how to call it. */
export class UsageError extends Error {}

/** The command cannot do what was asked, for a reason its message gives in full. */
export class CommandError extends Error {}

function explainsItself(error: unknown): error is Error {
  return error instanceof UsageError || error instanceof CommandError || error instanceof EngineUnavailableError || error instanceof ConfigError;
}

/** Runs a script's main function; `exitWhenDone` ends the process even if handles stay open. */
export function runCommand(main: () => Promise<void>, options: { exitWhenDone?: boolean } = {}): void {
  main().then(
    () => {
      if (options.exitWhenDone) process.exit();
    },
    (error: unknown) => {
      process.stderr.write(`${explainsItself(error) ? error.message : error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(error instanceof UsageError ? 2 : 1);
    },
  );
}
