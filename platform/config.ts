import { z } from 'zod';

export const SUBGRAPH_NAMES = ['catalogue', 'finance', 'land', 'housing', 'education', 'safety'] as const;
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
