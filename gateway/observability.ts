/**
 * The gateway's logs and metrics: the shared request logging and GraphQL request metrics of
 * platform/observability.ts, plus the duration of every subgraph call.
 */
import type { Logger } from 'pino';
import { Histogram } from 'prom-client';
import { createLogger, createMetrics, type HttpMetrics, type LogOptions } from '../platform/observability';

export interface GatewayObservability {
  logger: Logger;
  metrics: HttpMetrics;
  /** Seconds per subgraph call, by subgraph and outcome (ok, errors, timeout, unavailable, failed). */
  fetchDuration: Histogram<'subgraph' | 'outcome'>;
}

export function gatewayObservability(log: LogOptions): GatewayObservability {
  const logger = createLogger('gateway', log);
  const metrics = createMetrics('gateway');
  const fetchDuration = new Histogram({
    name: 'gateway_subgraph_fetch_duration_seconds',
    help: 'Duration of the calls the gateway makes to each subgraph, by subgraph and outcome.',
    labelNames: ['subgraph', 'outcome'] as const,
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });
  return { logger, metrics, fetchDuration };
}
