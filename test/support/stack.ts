import { randomBytes } from 'node:crypto';
import { DEFAULT_PORTS } from '../../subgraphs/shared/config';
import { loadReferenceData } from '../../scripts/sample/load';
import { startStack, type Stack } from '../../scripts/lib/stack';

export interface GraphQLResponse<Data> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestStack extends Stack {
  /** Sends a query to the gateway over HTTP, as a client would. */
  query<Data = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<Data>>;
  /** Stops every server and drops the stack's databases. */
  close(): Promise<void>;
}

/**
 * Every subgraph and the gateway on free ports of 127.0.0.1, against fresh databases on the run's
 * engine, with the sample regions and agencies loaded. Records are added by each test through
 * `writer`, the one write path.
 */
export async function startTestStack(label: string): Promise<TestStack> {
  const env: NodeJS.ProcessEnv = {
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB_PREFIX: `t_${label}_${randomBytes(3).toString('hex')}`,
    HOST: '127.0.0.1',
  };
  for (const name of Object.keys(DEFAULT_PORTS)) env[`${name.toUpperCase()}_PORT`] = '0';
  const stack = await startStack(env);
  await loadReferenceData(stack.databases.catalogue);
  const endpoint = `${stack.gatewayUrl}graphql`;
  return {
    ...stack,
    async query<Data>(query: string, variables?: Record<string, unknown>) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
      return { status: response.status, ...body };
    },
    async close() {
      const databases = Object.values(stack.databases);
      await Promise.all(databases.map((db) => db.dropDatabase()));
      await stack.stop();
    },
  };
}
