import { z } from 'zod';

export const SUBGRAPH_NAMES = ['catalogue', 'finance', 'land', 'housing', 'education', 'safety', 'documents', 'enforcement', 'requests'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** Default ports: the gateway on 4000, the subgraphs after it. */
export const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  catalogue: 4001,
  finance: 4002,
  land: 4003,
  housing: 4004,
  education: 4005,
  safety: 4006,
  documents: 4007,
  enforcement: 4008,
  requests: 4009,
};

export const port = z.coerce.number().int().min(0).max(65535);

/** CACHE_MAX_AGE_SECONDS when unset: how long a public answer may be reused. */
export const DEFAULT_CACHE_MAX_AGE_SECONDS = 60;
/** The longest CACHE_MAX_AGE_SECONDS allowed (a day). */
export const MAX_CACHE_MAX_AGE_SECONDS = 86_400;

/**
 * CACHE_MAX_AGE_SECONDS, read by the subgraphs (the cache hint of every public answer) and the
 * gateway (the cap of its `Cache-Control` and of its response cache): whole seconds from 0, which
 * turns caching off, to a day.
 */
export const cacheMaxAgeSetting = z.coerce
  .number({ error: 'must be a whole number of seconds' })
  .int({ error: 'must be a whole number of seconds' })
  .min(0, { error: `must be from 0 (off) to ${MAX_CACHE_MAX_AGE_SECONDS} seconds` })
  .max(MAX_CACHE_MAX_AGE_SECONDS, { error: `must be from 0 (off) to ${MAX_CACHE_MAX_AGE_SECONDS} seconds` })
  .default(DEFAULT_CACHE_MAX_AGE_SECONDS);

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Formats every problem zod found, one per line, naming the variable. */
export function configProblems(error: z.ZodError): string {
  return error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`).join('\n');
}

/** A MongoDB connection string setting. */
export const mongodbUriSetting = z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI');
/** MONGODB_DB_PREFIX: database names are `<prefix>_<subgraph>` (and `<prefix>_gateway`). */
export const databasePrefixSetting = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only, at most 40')
  .default('disclosure');
/** A database name setting (`<NAME>_DB`, GATEWAY_DB). */
export const databaseNameSetting = z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only');

type Outputs<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.output<S[K]> };

/**
 * Parses `env` with each schema and returns every result, typed; when any fails, throws one
 * ConfigError that lists the problems of all of them, so one start reports every wrong variable.
 */
export function parseSettings<S extends Record<string, z.ZodType>>(env: NodeJS.ProcessEnv, schemas: S): Outputs<S> {
  const problems: string[] = [];
  const values: Partial<Outputs<S>> = {};
  for (const name of Object.keys(schemas) as Array<keyof S>) {
    const parsed = schemas[name].safeParse(env);
    if (parsed.success) values[name] = parsed.data as z.output<S[typeof name]>;
    else problems.push(configProblems(parsed.error));
  }
  if (problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  return values as Outputs<S>;
}
