/**
 * Generates the types of codegen.ts in memory (`generate(config, false)` writes nothing) and prints
 * them as JSON, `[{ filename, content }]`: run as a process by test/schema/codegen.test.ts, since
 * Jest cannot load the code generator's ES-module dependencies.
 */
import { generate } from '@graphql-codegen/cli';
import config from '../../codegen';

generate(config, false).then(
  (files: Array<{ filename: string; content: string }>) => {
    process.stdout.write(JSON.stringify(files.map(({ filename, content }) => ({ filename, content }))));
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
