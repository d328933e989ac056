/**
 * `npm run bench`: the figures of issue 5, measured side by side in one run on 127.0.0.1, every load
 * bounded in requests and time, printed with their goals and written to reports/bench-<time>.json
 * and .md. See README, Benchmarks. `npm run bench -- --help` lists the options.
 *
 *   1. the cross-domain catalogue page through this gateway and through a stock @apollo/gateway;
 *   2. a catalogue-only query through the gateway and straight to the subgraph;
 *   3. MongoDB commands per collection for a 100-record page across every domain;
 *   4. the catalogue grown to each --records size: filtered page, text search, deep page, ingest,
 *      and the largest size whose filtered page answers at p95 ≤ 1 s (alone with --sizes-only);
 *   5. `npm start` to the first answered query, on an empty and on a loaded database;
 *   6. a flood of text searches from ten clients beside a client of cheap look-ups (issue 10; left
 *      out with --sizes-only).
 *
 * The subgraphs run in this process (startStack), so the driver's command events can be counted;
 * each gateway runs in a process of its own and the load generator (autocannon) in another.
 */
import { randomBytes } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { DEFAULT_LIMITS } from '../gateway/config';
import { DEFAULT_PORTS } from '../platform/config';
import { startEngine, type Engine } from './lib/engine';
import { startStack, type Stack } from './lib/stack';
import { loadReferenceData } from './sample/load';
import { forkChild, type Child } from './bench/children';
import { countCommands, watchEngineTime, type CommandCount } from './bench/commands';
import { ingest, measureQueries, type IngestResult, type SizeResult } from './bench/dataset';
import { catalogueFigures, commandFigures, datasetFigures, directFigures, FILTERED_PAGE_CEILING_MS, startupFigures } from './bench/figures';
import { floodFigures, measureFlood, type FloodSummary } from './bench/flood';
import type { GatewayReady } from './bench/gateway-process';
import { LoadGenerator } from './bench/load-generator';
import { describeEngine, describeMachine } from './bench/machine';
import { parseOptions, type BenchOptions } from './bench/options';
import { cataloguePage, SINGLE_SUBGRAPH } from './bench/queries';
import { formatTable, writeReport, type BenchReport, type Figure } from './bench/report';
import { measureStartup, type StartupResult } from './bench/startup';
import { compare, sideSummary, type Comparison } from './bench/throughput';
import { runCommand } from './lib/cli';

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);

async function startGatewayProcess(kind: 'ours' | 'stock', env: NodeJS.ProcessEnv): Promise<{ child: Child; url: string }> {
  const { child, ready } = await forkChild<GatewayReady>('scripts/bench/gateway-process.ts', { ...env, BENCH_GATEWAY: kind });
  return { child, url: ready.url };
}

async function dropDatabases(uri: string, prefix: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    const { databases } = await client.db('admin').admin().listDatabases({ nameOnly: true });
    await Promise.all(databases.filter((d) => d.name.startsWith(`${prefix}_`)).map((d) => client.db(d.name).dropDatabase()));
  } finally {
    await client.close();
  }
}

interface Measured {
  /** Figures 1–3, left out with --sizes-only. */
  catalogue?: Comparison;
  direct?: Comparison;
  commands?: CommandCount;
  sizes: SizeResult[];
  ingests: IngestResult[];
  /** Figure 6, left out with --sizes-only. */
  flood?: FloodSummary;
  startup?: StartupResult;
}

/** Figures 1–3: our gateway against the stock one, the gateway against the subgraph, commands per page. */
async function measureGateways(
  engine: Engine,
  prefix: string,
  stack: Stack,
  gatewayEnv: NodeJS.ProcessEnv,
  uncachedUrl: string,
  options: BenchOptions,
  stops: Array<() => Promise<void>>,
): Promise<Pick<Measured, 'catalogue' | 'direct' | 'commands'>> {
  log('starting the load generator, our gateway (with and without its response cache) and the stock gateway, each in its own process');
  const [load, ours, stock] = await Promise.all([
    LoadGenerator.start(),
    startGatewayProcess('ours', gatewayEnv),
    startGatewayProcess('stock', gatewayEnv),
  ]);
  stops.push(() => load.stop(), () => ours.child.stop(), () => stock.child.stop());
  const watch = () => watchEngineTime(engine.uri, prefix);

  log(`1. catalogue page of 20: ours vs stock, ${options.rounds} round(s) of ${options.durationSeconds} s, ${options.connections} connections`);
  const catalogue = await compare(
    load,
    [{ name: 'ours', url: ours.url }, { name: 'uncached', url: uncachedUrl }, { name: 'stock', url: stock.url }],
    cataloguePage(20),
    options,
    log,
    watch,
  );

  const catalogueUrl = stack.subgraphUrls.catalogue;
  if (!catalogueUrl) throw new Error('the catalogue subgraph did not start');
  log('2. region(code): through the gateway (cache off) vs straight to the catalogue subgraph (and through the stock gateway and our gateway as deployed, for reference)');
  const direct = await compare(
    load,
    [
      { name: 'gateway', url: uncachedUrl },
      { name: 'direct', url: catalogueUrl },
      { name: 'stock', url: stock.url },
      { name: 'deployed', url: ours.url },
    ],
    SINGLE_SUBGRAPH,
    options,
    log,
    watch,
  );
  await Promise.all([load.stop(), stock.child.stop(), ours.child.stop()]);

  log('3. commands for a 100-record page');
  const commands = await countCommands(engine.uri, prefix, uncachedUrl);
  log(`  ${commands.total} commands: ${Object.entries(commands.byCommand).map(([c, n]) => `${c} ${JSON.stringify(n)}`).join(', ')}`);
  return { catalogue, direct, commands };
}

/** Figures 1–4 against one stack; everything it starts is stopped before it returns. */
async function measureStack(engine: Engine, options: BenchOptions, prefix: string): Promise<Omit<Measured, 'startup'>> {
  // The subgraphs and `ours` run with their production settings, the response cache included;
  // `uncached` is our gateway with CACHE_MAX_AGE_SECONDS=0, for the figures that measure the work of
  // answering (2, 3, 4) and to show what the cache adds in figure 1.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    MONGODB_URI: engine.uri,
    MONGODB_DB_PREFIX: prefix,
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent',
    // One client (the load generator) sends every request: the per-client rate limit would refuse them.
    GATEWAY_RATE_LIMIT_MAX: '0',
    GATEWAY_COST_BUDGET: '0',
  };
  for (const name of Object.keys(DEFAULT_PORTS)) env[`${name.toUpperCase()}_PORT`] = '0';
  const stops: Array<() => Promise<void>> = [];
  try {
    log('starting the subgraphs');
    const stack: Stack = await startStack(env);
    stops.push(() => stack.stop());
    stops.push(() => dropDatabases(engine.uri, prefix));
    await loadReferenceData(stack.databases.catalogue);

    log(`loading ${options.baseRecords} records for figures 1–3`);
    const ingests: IngestResult[] = [await ingest(stack.writer, 1, options.baseRecords, log)];
    let records = ingests[0].records;

    // The gateway processes sign identities with the secret the subgraphs of this stack verify.
    const gatewayEnv: NodeJS.ProcessEnv = { ...env, IDENTITY_SECRET: stack.identitySecret };
    for (const [name, url] of Object.entries(stack.subgraphUrls)) gatewayEnv[`${name.toUpperCase()}_URL`] = url;
    const uncached = await startGatewayProcess('ours', { ...gatewayEnv, CACHE_MAX_AGE_SECONDS: '0' });
    stops.push(() => uncached.child.stop());
    const comparisons = options.sizesOnly ? undefined : await measureGateways(engine, prefix, stack, gatewayEnv, uncached.url, options, stops);

    const sizes: SizeResult[] = [];
    for (const [step, target] of options.records.entries()) {
      if (target > records) {
        log(`4. growing the catalogue to ${target.toLocaleString('en')} records`);
        const result = await ingest(stack.writer, 2 + step, target - records, log);
        ingests.push(result);
        records += result.records;
        log(`  ${result.records.toLocaleString('en')} records in ${result.seconds.toFixed(1)} s (${Math.round(result.rate)} records/s)`);
      }
      log(`4. queries at ${records.toLocaleString('en')} records`);
      const size = await measureQueries(stack.databases.catalogue, uncached.url, records, options);
      log(`  filtered p95 ${size.filteredPage.p95.toFixed(0)} ms, text p95 ${size.textSearch.p95.toFixed(0)} ms, page ${size.deepPage}/page 1 ${size.deepRatio.toFixed(2)}; load average ${size.loadAverage}`);
      sizes.push(size);
      if (options.sizesOnly && size.filteredPage.p95 > FILTERED_PAGE_CEILING_MS) {
        log(`  over ${FILTERED_PAGE_CEILING_MS} ms: the larger sizes are not measured`);
        break;
      }
    }
    if (options.sizesOnly) return { sizes, ingests };

    log(`6. a flood of text searches at ${records.toLocaleString('en')} records beside cheap look-ups, through a gateway with its production limits and the cache off`);
    const floodGateway = await startGatewayProcess('ours', {
      ...gatewayEnv,
      CACHE_MAX_AGE_SECONDS: '0',
      // Each client of the flood sends its own X-Forwarded-For, as clients on separate machines would.
      GATEWAY_TRUST_PROXY: 'loopback',
      GATEWAY_COST_BUDGET: String(DEFAULT_LIMITS.costBudget.points),
      GATEWAY_RATE_LIMIT_MAX: String(DEFAULT_LIMITS.rateLimit.max),
    });
    stops.push(() => floodGateway.child.stop());
    const { summary: flood } = await measureFlood(floodGateway.url, options);
    log(`  cheap look-ups: ${(flood.floodSuccess * 100).toFixed(1)}% answered, p95 ${flood.floodP95} ms (alone ${flood.idleP95} ms), recovered ${flood.recoverySeconds} s after; flood ${JSON.stringify(flood.floodStatuses)}`);
    return { ...comparisons, sizes, ingests, flood };
  } finally {
    for (const stop of stops.reverse()) await stop().catch((error: unknown) => log(`while stopping: ${String(error)}`));
  }
}

const roundSummaries = (c: Comparison) =>
  c.rounds.map((round) => Object.fromEntries(Object.entries(round).map(([name, r]) => [name, sideSummary(r)])));

function details(measured: Measured) {
  const { catalogue, direct } = measured;
  return {
    ...(catalogue ? { '1.cataloguePage': {
      query: catalogue.query,
      secondsPerRound: catalogue.secondsPerRound,
      ours: sideSummary(catalogue.sides.ours, catalogue.engine.ours),
      uncached: sideSummary(catalogue.sides.uncached, catalogue.engine.uncached),
      stock: sideSummary(catalogue.sides.stock, catalogue.engine.stock),
      rounds: roundSummaries(catalogue),
    } } : {}),
    ...(direct ? { '2.singleSubgraph': {
      query: direct.query,
      secondsPerRound: direct.secondsPerRound,
      gateway: sideSummary(direct.sides.gateway, direct.engine.gateway),
      direct: sideSummary(direct.sides.direct, direct.engine.direct),
      stock: sideSummary(direct.sides.stock, direct.engine.stock),
      deployed: sideSummary(direct.sides.deployed, direct.engine.deployed),
      rounds: roundSummaries(direct),
    } } : {}),
    ...(measured.commands ? { '3.commands': measured.commands } : {}),
    '4.sizes': measured.sizes,
    '4.ingest': measured.ingests.map((i) => ({ ...i, rate: Math.round(i.rate) })),
    ...(measured.flood ? { '6.flood': measured.flood } : {}),
    ...(measured.startup ? { '5.startup': measured.startup } : {}),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const startedAt = new Date();
  const machine = describeMachine();
  const external = process.env.MONGODB_URI;
  const engine = await startEngine();
  let engineStopped = false;
  const stopEngine = async () => {
    if (!engineStopped) await engine.stop();
    engineStopped = true;
  };
  const prefix = `bench_${randomBytes(3).toString('hex')}`;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log('interrupted; stopping');
      void (external ? dropDatabases(external, prefix).catch(() => undefined) : Promise.resolve())
        .then(stopEngine)
        .finally(() => process.exit(130));
    });
  }
  try {
    const client = await MongoClient.connect(engine.uri);
    const engineInfo = await describeEngine(client, engine.description).finally(() => client.close());
    const isFerret = engineInfo.name.startsWith('FerretDB');
    log(`engine: ${engineInfo.name}; ${machine.nproc} CPUs, ${machine.cpuModel}, Node ${machine.node}, load ${machine.loadAverageAtStart}`);

    const measured: Measured = await measureStack(engine, options, prefix);
    if (!external) await stopEngine();
    if (options.startup) {
      log('5. npm start, on an empty and then on a loaded database');
      const startPrefix = `${prefix}s`;
      measured.startup = await measureStartup(
        external,
        startPrefix,
        () => (external ? dropDatabases(external, startPrefix) : Promise.resolve()),
      );
      log(`  first answer ${measured.startup.empty.firstAnswerSeconds.toFixed(1)} s (empty), ${measured.startup.loaded.firstAnswerSeconds.toFixed(1)} s (loaded)`);
    }

    const figures: Figure[] = [
      ...(measured.catalogue ? catalogueFigures(measured.catalogue, isFerret) : []),
      ...(measured.direct ? directFigures(measured.direct) : []),
      ...(measured.commands ? commandFigures(measured.commands) : []),
      ...datasetFigures(measured.sizes, measured.ingests.slice(1).length ? measured.ingests.slice(1) : measured.ingests, isFerret),
      ...(measured.startup ? startupFigures(measured.startup) : []),
      ...(measured.flood ? floodFigures(measured.flood) : []),
    ];
    const report: BenchReport = {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine,
      engine: engineInfo,
      options,
      figures,
      details: details(measured),
    };
    const paths = writeReport(report, options.outDir);
    process.stdout.write(
      [
        '',
        `Machine: ${machine.nproc} CPUs (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}; engine: ${engineInfo.name}`,
        '',
        formatTable(figures),
        '',
        `Report: ${paths.json}`,
        `        ${paths.markdown}`,
        '',
      ].join('\n'),
    );
  } finally {
    await stopEngine();
  }
}

runCommand(main, { exitWhenDone: true });
