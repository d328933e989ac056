import os from 'node:os';
import { z } from 'zod';
import {
  cacheMaxAgeSetting,
  ConfigError,
  configProblems,
  DEFAULT_PORTS,
  databaseNameSetting,
  databasePrefixSetting,
  mongodbUriSetting,
  port,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '../../platform/config';
import { identitySecretSetting } from '../../platform/identity';
import { dataKeySetting } from '../../platform/sealed-data';
import { RECORD_TYPES } from '../../model/record-types';
import type { DomainSubgraphName } from '../../model/records/record-type';
import { documentLimitSettings, type DocumentLimits } from '../../platform/limits';
import { logLevelSetting, type LogLevel } from '../../platform/observability';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS, QUERY_TIMEOUT_SHARE } from '../../platform/overload';

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
  /**
   * REQUESTS_DATA_KEY: seals the identities of applicants for information (platform/sealed-data.ts).
   * The requests subgraph refuses to start without it; the others do not read it.
   */
  requestsDataKey: string | undefined;
  /** The document limits the gateway applies too (GATEWAY_MAX_DEPTH …, platform/limits.ts). */
  limits: DocumentLimits;
  /** What one request may make the subgraph do (platform/overload.ts). */
  work: SubgraphWorkLimits;
}

export interface SubgraphWorkLimits {
  /** SUBGRAPH_QUERY_TIMEOUT_MS: a request's reads are stopped this long after it arrived; below GATEWAY_SUBGRAPH_TIMEOUT_MS. */
  queryTimeoutMs: number;
  /** SUBGRAPH_MAX_CONCURRENT_SCANS: requests searching by text or counting at a time; one more is refused with OVERLOADED. */
  maxConcurrentScans: number;
}

/**
 * SUBGRAPH_MAX_CONCURRENT_SCANS when unset: half the machine's CPUs, at least one. The engine's scans
 * take a CPU each; the other half stays for the cheap work beside them (figure 6 in Benchmarks: on
 * 2 CPUs a look-up's p95 during a flood of searches was 1.8x its idle p95 with one scan at a time,
 * 3.3x with two).
 */
export const DEFAULT_MAX_CONCURRENT_SCANS = Math.max(1, Math.floor(os.availableParallelism() / 2));

/** The subgraphs that own record types (model/records): those the catalogue hands records to and syncs from. */
export type OwnerName = DomainSubgraphName;
const OWNING = new Set<SubgraphName>(Object.values(RECORD_TYPES).map((type) => type.subgraph));
export const OWNER_NAMES = SUBGRAPH_NAMES.filter((name): name is OwnerName => OWNING.has(name));

/** CATALOGUE_SYNC_INTERVAL_MS when unset. */
export const DEFAULT_SYNC_INTERVAL_MS = 60_000;

const upper = (name: SubgraphName) => name.toUpperCase();
const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Settings of every subgraph, read once from the environment and validated together, so one start
 * reports every wrong variable at once:
 *   MONGODB_URI (required), MONGODB_DB_PREFIX (default `disclosure`), HOST (default 127.0.0.1),
 *   LOG_LEVEL (default `info`), CACHE_MAX_AGE_SECONDS (default 60; 0 = off),
 *   <NAME>_PORT, <NAME>_MONGODB_URI, <NAME>_DB, <NAME>_URL for each subgraph, CATALOGUE_SYNC_INTERVAL_MS
 *   (default 60000; 0 = only after writes), IDENTITY_SECRET (at least 32
 *   characters; required to serve), REQUESTS_DATA_KEY (at least 32 characters; required to serve the
 *   requests subgraph), and the document limits GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES,
 *   GATEWAY_MAX_DIRECTIVES, GATEWAY_MAX_TOKENS, GATEWAY_MAX_SELECTIONS, GATEWAY_MAX_BODY_BYTES
 *   (platform/limits.ts), SUBGRAPH_QUERY_TIMEOUT_MS (below GATEWAY_SUBGRAPH_TIMEOUT_MS, whose 80% is the
 *   default: 8000) and SUBGRAPH_MAX_CONCURRENT_SCANS (half the CPUs, at least 1) (platform/overload.ts).
 */
export function loadSubgraphConfigs(env: NodeJS.ProcessEnv = process.env): Record<SubgraphName, SubgraphConfig> {
  const shared = sharedSettings.safeParse(env);
  const perSubgraph = SUBGRAPH_NAMES.map((name) => {
    const prefix = upper(name);
    // Read under the subgraph's own variable names, so problems are reported under them too.
    const result = subgraphSettings.safeParse({
      PORT: env[`${prefix}_PORT`] ?? DEFAULT_PORTS[name],
      URL: env[`${prefix}_URL`] ?? `http://127.0.0.1:${DEFAULT_PORTS[name]}/`,
      MONGODB_URI: env[`${prefix}_MONGODB_URI`],
      DB: env[`${prefix}_DB`],
    });
    return { name, prefix, result };
  });
  const limits = documentLimitSettings.safeParse(env);
  const problems = [
    ...(shared.success ? [] : [configProblems(shared.error)]),
    ...(limits.success ? [] : [configProblems(limits.error)]),
    ...perSubgraph.flatMap(({ prefix, result }) =>
      result.success ? [] : result.error.issues.map((issue) => `  ${prefix}_${issue.path.join('.')}: ${issue.message}`),
    ),
  ];
  if (!shared.success || !limits.success || problems.length) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  const settings = new Map(perSubgraph.flatMap(({ name, result }) => (result.success ? [[name, result.data] as const] : [])));
  const of = (name: SubgraphName) => settings.get(name) as z.infer<typeof subgraphSettings>;
  const missing = SUBGRAPH_NAMES.filter((name) => !of(name).MONGODB_URI && !shared.data.MONGODB_URI);
  if (missing.length) {
    throw new ConfigError(
      `Invalid configuration:\n  MONGODB_URI: required (or ${missing.map((n) => `${upper(n)}_MONGODB_URI`).join(', ')})`,
    );
  }
  const gatewayTimeoutMs = shared.data.GATEWAY_SUBGRAPH_TIMEOUT_MS ?? DEFAULT_SUBGRAPH_TIMEOUT_MS;
  const queryTimeoutMs = shared.data.SUBGRAPH_QUERY_TIMEOUT_MS ?? Math.floor(gatewayTimeoutMs * QUERY_TIMEOUT_SHARE);
  if (queryTimeoutMs >= gatewayTimeoutMs) {
    throw new ConfigError(
      `Invalid configuration:\n  SUBGRAPH_QUERY_TIMEOUT_MS: must be below GATEWAY_SUBGRAPH_TIMEOUT_MS (${gatewayTimeoutMs}), so a subgraph stops its reads before the gateway gives up on it; got ${queryTimeoutMs}`,
    );
  }
  const work: SubgraphWorkLimits = { queryTimeoutMs, maxConcurrentScans: shared.data.SUBGRAPH_MAX_CONCURRENT_SCANS };
  const ownerUrls = Object.fromEntries(OWNER_NAMES.map((name) => [name, of(name).URL])) as Record<OwnerName, string>;
  return Object.fromEntries(
    SUBGRAPH_NAMES.map((name): [SubgraphName, SubgraphConfig] => [
      name,
      {
        name,
        host: shared.data.HOST,
        port: of(name).PORT,
        mongodbUri: of(name).MONGODB_URI ?? (shared.data.MONGODB_URI as string),
        database: of(name).DB ?? `${shared.data.MONGODB_DB_PREFIX}_${name}`,
        ownerUrls,
        syncIntervalMs: shared.data.CATALOGUE_SYNC_INTERVAL_MS,
        logLevel: shared.data.LOG_LEVEL,
        cacheMaxAgeSeconds: shared.data.CACHE_MAX_AGE_SECONDS,
        identitySecret: shared.data.IDENTITY_SECRET,
        requestsDataKey: shared.data.REQUESTS_DATA_KEY,
        limits: limits.data,
        work,
      },
    ]),
  ) as Record<SubgraphName, SubgraphConfig>;
}

const sharedSettings = z.object({
  MONGODB_URI: mongodbUriSetting.optional(),
  MONGODB_DB_PREFIX: databasePrefixSetting,
  HOST: z.string().default('127.0.0.1'),
  LOG_LEVEL: logLevelSetting,
  CACHE_MAX_AGE_SECONDS: cacheMaxAgeSetting,
  CATALOGUE_SYNC_INTERVAL_MS: z.coerce
    .number({ error: 'must be a whole number of milliseconds' })
    .int({ error: 'must be a whole number of milliseconds' })
    .min(0)
    .max(3_600_000)
    .default(DEFAULT_SYNC_INTERVAL_MS),
  IDENTITY_SECRET: identitySecretSetting.optional(),
  REQUESTS_DATA_KEY: dataKeySetting.optional(),
  GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).optional(),
  SUBGRAPH_QUERY_TIMEOUT_MS: z.coerce.number().int().min(50).optional(),
  SUBGRAPH_MAX_CONCURRENT_SCANS: z.coerce.number().int().min(1).max(1_000).default(DEFAULT_MAX_CONCURRENT_SCANS),
});

const subgraphSettings = z.object({
  PORT: port,
  URL: url,
  MONGODB_URI: mongodbUriSetting.optional(),
  DB: databaseNameSetting.optional(),
});
