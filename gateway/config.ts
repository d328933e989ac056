import path from 'node:path';
import { z } from 'zod';
import {
  cacheMaxAgeSetting,
  databaseNameSetting,
  databasePrefixSetting,
  DEFAULT_PORTS,
  mongodbUriSetting,
  parseSettings,
  port,
  type SubgraphName,
} from '../platform/config';
import { identitySecretSetting } from '../platform/identity';
import { DEFAULT_DOCUMENT_LIMITS, documentLimitSettings, type DocumentLimits } from '../platform/limits';
import { logLevelSetting, type LogLevel } from '../platform/observability';
import { DEFAULT_SUBGRAPH_TIMEOUT_MS } from '../platform/overload';

export interface CostBudgetSettings {
  /** Points each client may spend per window; 0 turns the budget off. */
  points: number;
  windowMs: number;
}

/**
 * What a public API must bound; every one is a setting (README, "Limits and operations"). The
 * document limits are applied by every subgraph port as well (platform/limits.ts).
 */
export interface GatewayLimits extends DocumentLimits {
  /** Highest estimated cost: fields counted, page sizes (`first`) multiplied through nesting. */
  maxCost: number;
  /** Items assumed for a list field that takes no `first` (agencies, regions, children, facets). */
  listSizeEstimate: number;
  /** A subgraph call is abandoned after this many milliseconds. */
  subgraphTimeoutMs: number;
  /** Requests per client (IP) per window; 0 turns rate limiting off. */
  rateLimit: { windowMs: number; max: number };
  /** Cost points per client (API key, else IP) per window (gateway/cost-budget.ts); 0 points turns it off. */
  costBudget: CostBudgetSettings;
}

/** Where the gateway keeps the agencies' API keys: a database of its own. */
export interface KeyStoreSettings {
  mongodbUri: string;
  database: string;
}

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
  limits: GatewayLimits;
  /** GATEWAY_MONGODB_URI (or MONGODB_URI) and GATEWAY_DB: the key store. */
  keyStore: KeyStoreSettings;
  /** IDENTITY_SECRET: signs the identity tokens the subgraphs verify (platform/identity.ts). */
  identitySecret: string;
  /** Express `trust proxy`: whose X-Forwarded-For to believe for the client IP (rate limiting). */
  trustProxy: boolean | number | string;
  logLevel: LogLevel;
  /**
   * CACHE_MAX_AGE_SECONDS: the longest `max-age` of a public answer and how long the response cache
   * keeps it; 0 turns both off (answers are `no-store`).
   */
  cacheMaxAgeSeconds: number;
}

const positive = (fallback: number) => z.coerce.number().int().min(1).default(fallback);

/** The defaults of every limit, also shown in the README's settings table. */
export const DEFAULT_LIMITS: GatewayLimits = {
  ...DEFAULT_DOCUMENT_LIMITS,
  maxCost: 10_000,
  listSizeEstimate: 10,
  subgraphTimeoutMs: DEFAULT_SUBGRAPH_TIMEOUT_MS,
  rateLimit: { windowMs: 60_000, max: 600 },
  costBudget: { points: 60_000, windowMs: 60_000 },
};

function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * The key store's settings: GATEWAY_MONGODB_URI, else MONGODB_URI (one of them required), and
 * GATEWAY_DB (default `<MONGODB_DB_PREFIX>_gateway`). `npm run keys` reads these alone.
 */
export const keyStoreSettings = z
  .object({
    GATEWAY_MONGODB_URI: mongodbUriSetting.optional(),
    MONGODB_URI: mongodbUriSetting.optional(),
    MONGODB_DB_PREFIX: databasePrefixSetting,
    GATEWAY_DB: databaseNameSetting.optional(),
  })
  .transform((values, context): KeyStoreSettings => {
    const mongodbUri = values.GATEWAY_MONGODB_URI ?? values.MONGODB_URI;
    if (!mongodbUri) {
      context.addIssue({
        code: 'custom',
        path: ['MONGODB_URI'],
        message: 'required (or GATEWAY_MONGODB_URI): the database where the gateway keeps the API keys',
      });
      return z.NEVER;
    }
    return { mongodbUri, database: values.GATEWAY_DB ?? `${values.MONGODB_DB_PREFIX}_gateway` };
  });

const serverSettings = z.object({
  HOST: z.string().default('127.0.0.1'),
  GATEWAY_PORT: port.default(DEFAULT_PORTS.gateway),
  SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '../schema/supergraph.graphql')),
  LOG_LEVEL: logLevelSetting,
  GATEWAY_TRUST_PROXY: z.string().default('false'),
  CACHE_MAX_AGE_SECONDS: cacheMaxAgeSetting,
  IDENTITY_SECRET: identitySecretSetting,
  GATEWAY_MAX_COST: positive(DEFAULT_LIMITS.maxCost),
  GATEWAY_LIST_SIZE_ESTIMATE: positive(DEFAULT_LIMITS.listSizeEstimate),
  GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).default(DEFAULT_LIMITS.subgraphTimeoutMs),
  GATEWAY_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(DEFAULT_LIMITS.rateLimit.windowMs),
  GATEWAY_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.rateLimit.max),
  GATEWAY_COST_BUDGET: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.costBudget.points),
  GATEWAY_COST_WINDOW_MS: z.coerce.number().int().min(1000).default(DEFAULT_LIMITS.costBudget.windowMs),
});

const subgraphUrl = (name: SubgraphName) => url.default(`http://127.0.0.1:${DEFAULT_PORTS[name]}/`);

/** <NAME>_URL of each subgraph, by subgraph name. */
const subgraphUrlSettings = z
  .object({
    CATALOGUE_URL: subgraphUrl('catalogue'),
    FINANCE_URL: subgraphUrl('finance'),
    LAND_URL: subgraphUrl('land'),
    HOUSING_URL: subgraphUrl('housing'),
    EDUCATION_URL: subgraphUrl('education'),
    SAFETY_URL: subgraphUrl('safety'),
    ENFORCEMENT_URL: subgraphUrl('enforcement'),
    DOCUMENTS_URL: subgraphUrl('documents'),
    REQUESTS_URL: subgraphUrl('requests'),
  })
  .transform(
    (values): Record<SubgraphName, string> => ({
      catalogue: values.CATALOGUE_URL,
      finance: values.FINANCE_URL,
      land: values.LAND_URL,
      housing: values.HOUSING_URL,
      education: values.EDUCATION_URL,
      safety: values.SAFETY_URL,
      enforcement: values.ENFORCEMENT_URL,
      documents: values.DOCUMENTS_URL,
      requests: values.REQUESTS_URL,
    }),
  );

/**
 * Gateway settings from the environment, validated together:
 *   HOST (127.0.0.1), GATEWAY_PORT (4000), SUPERGRAPH_PATH (schema/supergraph.graphql),
 *   <NAME>_URL for each subgraph (http://127.0.0.1:<its default port>/),
 *   GATEWAY_MONGODB_URI or MONGODB_URI (required), GATEWAY_DB (<MONGODB_DB_PREFIX>_gateway),
 *   IDENTITY_SECRET (required, at least 32 characters),
 *   LOG_LEVEL (info), GATEWAY_TRUST_PROXY (false), CACHE_MAX_AGE_SECONDS (60; 0 = off), and the limits:
 *   GATEWAY_MAX_DEPTH, GATEWAY_MAX_ALIASES, GATEWAY_MAX_DIRECTIVES, GATEWAY_MAX_TOKENS,
 *   GATEWAY_MAX_SELECTIONS, GATEWAY_MAX_BODY_BYTES (also read by the subgraphs), GATEWAY_MAX_COST,
 *   GATEWAY_LIST_SIZE_ESTIMATE, GATEWAY_SUBGRAPH_TIMEOUT_MS, GATEWAY_RATE_LIMIT_WINDOW_MS,
 *   GATEWAY_RATE_LIMIT_MAX (0 = off), GATEWAY_COST_BUDGET (0 = off), GATEWAY_COST_WINDOW_MS;
 *   defaults in DEFAULT_LIMITS.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const { server, documents, urls, keyStore } = parseSettings(env, {
    server: serverSettings,
    documents: documentLimitSettings,
    urls: subgraphUrlSettings,
    keyStore: keyStoreSettings,
  });
  return {
    host: server.HOST,
    port: server.GATEWAY_PORT,
    supergraphPath: server.SUPERGRAPH_PATH,
    subgraphUrls: urls,
    limits: {
      ...documents,
      maxCost: server.GATEWAY_MAX_COST,
      listSizeEstimate: server.GATEWAY_LIST_SIZE_ESTIMATE,
      subgraphTimeoutMs: server.GATEWAY_SUBGRAPH_TIMEOUT_MS,
      rateLimit: { windowMs: server.GATEWAY_RATE_LIMIT_WINDOW_MS, max: server.GATEWAY_RATE_LIMIT_MAX },
      costBudget: { points: server.GATEWAY_COST_BUDGET, windowMs: server.GATEWAY_COST_WINDOW_MS },
    },
    keyStore,
    identitySecret: server.IDENTITY_SECRET,
    trustProxy: trustProxy(server.GATEWAY_TRUST_PROXY),
    logLevel: server.LOG_LEVEL,
    cacheMaxAgeSeconds: server.CACHE_MAX_AGE_SECONDS,
  };
}
