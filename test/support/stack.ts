import { randomBytes } from 'node:crypto';
import { DEFAULT_PORTS } from '../../platform/config';
import { generateDataKey } from '../../platform/sealed-data';
import { loadReferenceData } from '../../scripts/sample/load';
import { startStack, type Stack, type StackOptions } from '../../scripts/lib/stack';

export interface GraphQLResponse<Data> {
  status: number;
  data?: Data | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

export interface TestStackOptions extends StackOptions {
  /** Settings added to (or replacing) the test defaults, e.g. GATEWAY_RATE_LIMIT_MAX. */
  env?: NodeJS.ProcessEnv;
}

export interface TestStack extends Stack {
  /** The gateway's GraphQL endpoint. */
  endpoint: string;
  /** The settings the stack runs with (MONGODB_DB_PREFIX, IDENTITY_SECRET, …), e.g. for a script run beside it. */
  env: NodeJS.ProcessEnv;
  /** Creates an API key for an agency in the gateway's key store (throws if it is refused). */
  createKey(agencyCode: string, label: string): Promise<{ id: string; key: string }>;
  /** Sends a query to the gateway over HTTP, as a client would. */
  query<Data = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<Data>>;
  /** Stops every server and drops the stack's databases. */
  close(): Promise<void>;
}

/**
 * Every subgraph and the gateway on free ports of 127.0.0.1, against fresh databases on the run's
 * engine, with the sample regions and agencies loaded. Records are added by each test through
 * `writer`, the one write path.
 */
export async function startTestStack(label: string, options: TestStackOptions = {}): Promise<TestStack> {
  const env: NodeJS.ProcessEnv = {
    MONGODB_URI: process.env.MONGODB_URI,
    MONGODB_DB_PREFIX: `t_${label}_${randomBytes(3).toString('hex')}`,
    HOST: '127.0.0.1',
    // Request logs are read through options.logStream by the tests that need them.
    LOG_LEVEL: options.logStream ? 'info' : 'silent',
    // Every test request comes from 127.0.0.1; the rate limit and the cost budget have tests of their own.
    GATEWAY_RATE_LIMIT_MAX: '0',
    GATEWAY_COST_BUDGET: '0',
    // Suites send many queries at once (the bad-input walk); the bound has tests of its own (test/hardening/overload.test.ts).
    SUBGRAPH_MAX_CONCURRENT_SCANS: '1000',
    // Tests write and then read the same query; caching has tests of its own (test/hardening/caching.test.ts).
    CACHE_MAX_AGE_SECONDS: '0',
    // The requests subgraph seals applicants' identities with it (platform/sealed-data.ts).
    REQUESTS_DATA_KEY: generateDataKey(),
  };
  for (const name of Object.keys(DEFAULT_PORTS)) env[`${name.toUpperCase()}_PORT`] = '0';
  Object.assign(env, options.env);
  const stack = await startStack(env, { logStream: options.logStream });
  env.IDENTITY_SECRET = stack.identitySecret;
  await loadReferenceData(stack.databases.catalogue);
  const endpoint = `${stack.gatewayUrl}graphql`;
  return {
    ...stack,
    endpoint,
    env,
    async createKey(agencyCode: string, label: string) {
      const created = await stack.keys.create(agencyCode, label);
      if (!created.ok) throw new Error(created.message);
      return { id: created.id, key: created.key };
    },
    async query<Data>(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResponse<Data>, 'status'>;
      return { status: response.status, ...body };
    },
    async close() {
      const databases = [...Object.values(stack.databases), stack.gatewayDatabase];
      await Promise.all(databases.map((db) => db.dropDatabase()));
      await stack.stop();
    },
  };
}
