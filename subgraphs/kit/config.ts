import { z } from 'zod';
import {
  cacheMaxAgeSetting,
  ConfigError,
  configProblems,
  DEFAULT_PORTS,
  port,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '../../platform/config';
import { identitySecretSetting } from '../../platform/identity';
import { documentLimitSettings, type DocumentLimits } from '../../platform/limits';
import { logLevelSetting, type LogLevel } from '../../platform/observability';

export interface SubgraphConfig {
  name: SubgraphName;
  host: string;
  port: number;
  mongodbUri: string;
  /** The subgraph's own database. */
  database: string;
  /**
   * <NAME>_URL of every owning subgraph (the same settings the gateway reads): where the catalogue
   * hands records to their owners and reads what they committed.
   */
  ownerUrls: Record<OwnerName, string>;
  /** CATALOGUE_SYNC_INTERVAL_MS: how often the catalogue reads the owners' feeds besides after each write; 0 = only then. */
  syncIntervalMs: number;
  /** LOG_LEVEL: how much the subgraph logs (one JSON line per request at `info`). */
  logLevel: LogLevel;
  /** CACHE_MAX_AGE_SECONDS: the cache hint of a public (anonymous) query's answer; 0 turns it off. */
  cacheMaxAgeSeconds: number;
  /**
   * IDENTITY_SECRET: verifies the gateway's identity tokens (platform/identity.ts). Needed to serve
   * (startSubgraph refuses to start without it), not by the scripts that only open the databases.
   */
  identitySecret: string | undefined;
  /** The document limits the gateway applies too (GATEWAY_MAX_DEPTH …, platform/limits.ts). */
  limits: DocumentLimits;
}

/** The subgraphs that own records (every one but the catalogue). */
export type OwnerName = Exclude<SubgraphName, 'catalogue'>;
export const OWNER_NAMES = SUBGRAPH_NAMES.filter((name): name is OwnerName => name !== 'catalogue');

/** CATALOGUE_SYNC_INTERVAL_MS when unset. */
export const DEFAULT_SYNC_INTERVAL_MS = 5_000;

const upper = (name: SubgraphName) => name.toUpperCase();
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Settings of every subgraph, read once from the environment and validated together, so one start
 * reports every wrong variable at once:
 *   MONGODB_URI (required), MONGODB_DB_PREFIX (default `disclosure`), HOST (default 127.0.0.1),
 *   LOG_LEVEL (default `info`), CACHE_MAX_AGE_SECONDS (default 60; 0 = off),
 *   <NAME>_PORT, <NAME>_MONGODB_URI, <NAME>_DB, <NAME>_URL for each subgraph, CATALOGUE_SYNC_INTERVAL_MS
 *   (default 5000; 0 = only after writes), IDENTITY_SECRET (at least 32
 *   characters; required to serve), and the document limits GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES,
 *   GATEWAY_MAX_DIRECTIVES, GATEWAY_MAX_TOKENS, GATEWAY_MAX_SELECTIONS, GATEWAY_MAX_BODY_BYTES
 *   (platform/limits.ts).
 */
export function loadSubgraphConfigs(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, SubgraphConfig> {
  const shape: Record<string, z.ZodTypeAny> = {
    MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// or mongodb+srv:// URI').optional(),
    MONGODB_DB_PREFIX: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, _ and - only, at most 40')
      .default('disclosure'),
    HOST: z.string().default('127.0.0.1'),
    LOG_LEVEL: logLevelSetting,
    CACHE_MAX_AGE_SECONDS: cacheMaxAgeSetting,
    CATALOGUE_SYNC_INTERVAL_MS: z.coerce.number({ error: 'must be a whole number of milliseconds' }).int().min(0).max(3_600_000).default(DEFAULT_SYNC_INTERVAL_MS),
  };
  for (const name of SUBGRAPH_NAMES) {
    shape[`${upper(name)}_PORT`] = port.default(DEFAULT_PORTS[name]);
    shape[`${upper(name)}_URL`] = url.default(`http://127.0.0.1:${DEFAULT_PORTS[name]}/`);
    shape[`${upper(name)}_MONGODB_URI`] = z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI').optional();
    shape[`${upper(name)}_DB`] = z.string().regex(/^[A-Za-z0-9_-]{1,60}$/, 'letters, digits, _ and - only').optional();
  }
  const parsed = z.object(shape).safeParse(env);
  // The identity secret and the document limits have typed schemas of their own, reported with the rest.
  const own = z.object({ IDENTITY_SECRET: identitySecretSetting.optional() }).safeParse(env);
  const limits = documentLimitSettings.safeParse(env);
  if (!parsed.success || !own.success || !limits.success) {
    const problems = [parsed, own, limits].flatMap((result) => (result.success ? [] : [configProblems(result.error)]));
    throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const values = parsed.data as Record<string, string | number | undefined>;
  const missing = SUBGRAPH_NAMES.filter((name) => !values[`${upper(name)}_MONGODB_URI`] && !values.MONGODB_URI);
  if (missing.length) {
    throw new ConfigError(
      `Invalid configuration:\n  MONGODB_URI: required (or ${missing.map((n) => `${upper(n)}_MONGODB_URI`).join(', ')})`,
    );
  }
  const dbName = (name: SubgraphName) => (values[`${upper(name)}_DB`] as string) ?? `${values.MONGODB_DB_PREFIX}_${name}`;
  const configs = {} as Record<SubgraphName, SubgraphConfig>;
  const ownerUrls = Object.fromEntries(OWNER_NAMES.map((name) => [name, values[`${upper(name)}_URL`] as string])) as Record<OwnerName, string>;
  for (const name of SUBGRAPH_NAMES) {
    configs[name] = {
      name,
      host: values.HOST as string,
      port: values[`${upper(name)}_PORT`] as number,
      mongodbUri: (values[`${upper(name)}_MONGODB_URI`] ?? values.MONGODB_URI) as string,
      database: dbName(name),
      ownerUrls,
      syncIntervalMs: values.CATALOGUE_SYNC_INTERVAL_MS as number,
      logLevel: values.LOG_LEVEL as LogLevel,
      cacheMaxAgeSeconds: values.CACHE_MAX_AGE_SECONDS as number,
      identitySecret: own.data.IDENTITY_SECRET,
      limits: limits.data,
    };
  }
  return configs;
}
