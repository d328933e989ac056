import path from 'node:path';
import { z } from 'zod';
import {
  cacheMaxAgeSetting,
  ConfigError,
  configProblems,
  DEFAULT_PORTS,
  SUBGRAPH_NAMES,
  type SubgraphName,
} from '../platform/config';
import { logLevelSetting, type LogLevel } from '../platform/observability';

/** What a public API must bound; every one is a setting (README, "Limits and operations"). */
export interface GatewayLimits {
  /** Deepest field nesting of an operation (fragments do not add levels). */
  maxDepth: number;
  /** Highest estimated cost: fields counted, page sizes (`first`) multiplied through nesting. */
  maxCost: number;
  /** Items assumed for a list field that takes no `first` (agencies, regions, children, facets). */
  listSizeEstimate: number;
  /** Most aliases in one operation. */
  maxAliases: number;
  /** Most directives in one operation. */
  maxDirectives: number;
  /** Most lexical tokens in a document; parsing stops beyond it. */
  maxTokens: number;
  /** Most selections once every fragment spread is expanded (stops fragment "bombs"). */
  maxSelections: number;
  /** Largest request body in bytes (413 beyond it). */
  maxBodyBytes: number;
  /** A subgraph call is abandoned after this many milliseconds. */
  subgraphTimeoutMs: number;
  /** Requests per client (IP) per window; 0 turns rate limiting off. */
  rateLimit: { windowMs: number; max: number };
}

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
  limits: GatewayLimits;
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
  maxDepth: 10,
  maxCost: 10_000,
  listSizeEstimate: 10,
  maxAliases: 30,
  maxDirectives: 50,
  maxTokens: 5_000,
  maxSelections: 5_000,
  maxBodyBytes: 1_048_576,
  subgraphTimeoutMs: 10_000,
  rateLimit: { windowMs: 60_000, max: 600 },
};

function trustProxy(value: string): boolean | number | string {
  if (value === 'true') return true;
  if (value === 'false' || value === '') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Gateway settings from the environment, validated together:
 *   HOST (127.0.0.1), GATEWAY_PORT (4000), SUPERGRAPH_PATH (schema/supergraph.graphql),
 *   <NAME>_URL for each subgraph (http://127.0.0.1:<its default port>/),
 *   LOG_LEVEL (info), GATEWAY_TRUST_PROXY (false), CACHE_MAX_AGE_SECONDS (60; 0 = off), and the limits:
 *   GATEWAY_MAX_DEPTH, GATEWAY_MAX_COST, GATEWAY_LIST_SIZE_ESTIMATE, GATEWAY_MAX_ALIASES,
 *   GATEWAY_MAX_DIRECTIVES, GATEWAY_MAX_TOKENS, GATEWAY_MAX_SELECTIONS, GATEWAY_MAX_BODY_BYTES,
 *   GATEWAY_SUBGRAPH_TIMEOUT_MS, GATEWAY_RATE_LIMIT_WINDOW_MS, GATEWAY_RATE_LIMIT_MAX (0 = off);
 *   defaults in DEFAULT_LIMITS.
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const shape: Record<string, z.ZodTypeAny> = {
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
    SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '../schema/supergraph.graphql')),
    LOG_LEVEL: logLevelSetting,
    GATEWAY_TRUST_PROXY: z.string().default('false'),
    CACHE_MAX_AGE_SECONDS: cacheMaxAgeSetting,
    GATEWAY_MAX_DEPTH: positive(DEFAULT_LIMITS.maxDepth),
    GATEWAY_MAX_COST: positive(DEFAULT_LIMITS.maxCost),
    GATEWAY_LIST_SIZE_ESTIMATE: positive(DEFAULT_LIMITS.listSizeEstimate),
    GATEWAY_MAX_ALIASES: positive(DEFAULT_LIMITS.maxAliases),
    GATEWAY_MAX_DIRECTIVES: positive(DEFAULT_LIMITS.maxDirectives),
    GATEWAY_MAX_TOKENS: positive(DEFAULT_LIMITS.maxTokens),
    GATEWAY_MAX_SELECTIONS: positive(DEFAULT_LIMITS.maxSelections),
    GATEWAY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(DEFAULT_LIMITS.maxBodyBytes),
    GATEWAY_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(50).default(DEFAULT_LIMITS.subgraphTimeoutMs),
    GATEWAY_RATE_LIMIT_WINDOW_MS: z.coerce.number().int().min(1000).default(DEFAULT_LIMITS.rateLimit.windowMs),
    GATEWAY_RATE_LIMIT_MAX: z.coerce.number().int().min(0).default(DEFAULT_LIMITS.rateLimit.max),
  };
  for (const name of SUBGRAPH_NAMES) {
    shape[`${name.toUpperCase()}_URL`] = url.default(`http://127.0.0.1:${DEFAULT_PORTS[name]}/`);
  }
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${configProblems(parsed.error)}`);
  const values = parsed.data as Record<string, string | number>;
  const int = (name: string) => values[name] as number;
  return {
    host: values.HOST as string,
    port: values.GATEWAY_PORT as number,
    supergraphPath: values.SUPERGRAPH_PATH as string,
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, values[`${name.toUpperCase()}_URL`] as string]),
    ) as Record<SubgraphName, string>,
    limits: {
      maxDepth: int('GATEWAY_MAX_DEPTH'),
      maxCost: int('GATEWAY_MAX_COST'),
      listSizeEstimate: int('GATEWAY_LIST_SIZE_ESTIMATE'),
      maxAliases: int('GATEWAY_MAX_ALIASES'),
      maxDirectives: int('GATEWAY_MAX_DIRECTIVES'),
      maxTokens: int('GATEWAY_MAX_TOKENS'),
      maxSelections: int('GATEWAY_MAX_SELECTIONS'),
      maxBodyBytes: int('GATEWAY_MAX_BODY_BYTES'),
      subgraphTimeoutMs: int('GATEWAY_SUBGRAPH_TIMEOUT_MS'),
      rateLimit: { windowMs: int('GATEWAY_RATE_LIMIT_WINDOW_MS'), max: int('GATEWAY_RATE_LIMIT_MAX') },
    },
    trustProxy: trustProxy(values.GATEWAY_TRUST_PROXY as string),
    logLevel: values.LOG_LEVEL as LogLevel,
    cacheMaxAgeSeconds: int('CACHE_MAX_AGE_SECONDS'),
  };
}
