import path from 'node:path';
import { z } from 'zod';
import { ConfigError, configProblems, DEFAULT_PORTS, SUBGRAPH_NAMES, type SubgraphName } from '../subgraphs/shared/config';

export interface GatewayConfig {
  host: string;
  port: number;
  supergraphPath: string;
  subgraphUrls: Record<SubgraphName, string>;
}

const url = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

/**
 * Gateway settings from the environment, validated together:
 *   HOST (127.0.0.1), GATEWAY_PORT (4000), SUPERGRAPH_PATH (schema/supergraph.graphql),
 *   <NAME>_URL for each subgraph (http://127.0.0.1:<its default port>/).
 */
export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env): GatewayConfig {
  const shape: Record<string, z.ZodTypeAny> = {
    HOST: z.string().default('127.0.0.1'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(DEFAULT_PORTS.gateway),
    SUPERGRAPH_PATH: z.string().default(path.resolve(__dirname, '../schema/supergraph.graphql')),
  };
  for (const name of SUBGRAPH_NAMES) {
    shape[`${name.toUpperCase()}_URL`] = url.default(`http://127.0.0.1:${DEFAULT_PORTS[name]}/`);
  }
  const parsed = z.object(shape).safeParse(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration:\n${configProblems(parsed.error)}`);
  const values = parsed.data as Record<string, string | number>;
  return {
    host: values.HOST as string,
    port: values.GATEWAY_PORT as number,
    supergraphPath: values.SUPERGRAPH_PATH as string,
    subgraphUrls: Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, values[`${name.toUpperCase()}_URL`] as string]),
    ) as Record<SubgraphName, string>,
  };
}
