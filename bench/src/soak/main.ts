import { loadavg } from 'node:os';
import { TestPlatform } from '../../../e2e/src/test-platform';
import { ensureEngines, stopEngines } from '../../../infra/src/engines';
import { localSettings } from '../../../infra/src/local-settings';
import { adminUrl } from '../../../infra/src/postgres-probe';
import { connectPlatform } from '../../../tools/demo/src/platform';
import { RequestStats } from './request-stats';
import { ServiceSampler } from './service-sampler';
import { setupSoak } from './setup-soak';
import { parseSoakOptions } from './soak-options';
import { sampleHeader, sampleLine, summaryTables, type SampleRow } from './soak-report';
import { KEYS, soakLoads, subscribeRuleset } from './soak-traffic';
import { SoakUnits } from './soak-units';

/**
 * `npm run bench:soak`: the four services as child processes (as the e2e tests start them) on the local
 * engines, a steady moderate load on every endpoint for SOAK_MINUTES, and every SOAK_SAMPLE_SECONDS each
 * service's RSS (/proc/<pid>/status), heap, event-loop delay (its GET /metrics) and CPU; then a summary.
 */
const SHORT_NAMES: Record<string, string> = { 'config-service': 'config', 'assignment-service': 'assignment', 'analysis-service': 'analysis', 'deployment-service': 'deployment' };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const options = parseSoakOptions(process.env);
  const settings = localSettings();
  process.env.KAFKA_BROKERS ??= `127.0.0.1:${settings.kafkaPort}`;
  process.env.TEST_DATABASE_ADMIN_URL ??= adminUrl(settings.postgresPort);
  const { startedByUs } = await ensureEngines(['kafka', 'postgres', 'clickhouse']);
  const platform = new TestPlatform();
  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));
  try {
    await platform.start({ analysisIntervalMs: options.analysisIntervalMs, readyTimeoutMs: 180_000 });
    const runId = Date.now().toString(36);
    const setup = await setupSoak(connectPlatform(platform.urls, KEYS), runId, options.minutes * 60);
    const urlOf: Record<string, string> = { 'config-service': platform.urls.config, 'assignment-service': platform.urls.assignment, 'analysis-service': platform.urls.analysis, 'deployment-service': platform.urls.deployment };
    const samplers = platform.services.map((s) => new ServiceSampler(SHORT_NAMES[s.name], s.pid as number, urlOf[s.name]));
    const names = samplers.map((s) => s.name);
    const stats = new RequestStats();
    const units = new SoakUnits(runId);
    console.log(`soak ${options.minutes} min, a sample every ${options.sampleSeconds} s; evaluate ${options.rates.evaluate}/s, events ${options.rates.events}/s; ` +
      `experiments ${setup.experiments.map((e) => e.experiment).join(', ')}; analysis every ${options.analysisIntervalMs} ms; ${new Date().toISOString()}`);
    console.log(sampleHeader(names));

    const rows: SampleRow[] = [];
    const began = performance.now();
    let lastTotals = { requests: 0, failed: 0, atMs: began };
    const takeSample = async () => {
      const services = Object.fromEntries(await Promise.all(samplers.map(async (s) => [s.name, await s.sample()] as const)));
      const now = performance.now();
      const totals = stats.totals();
      const row: SampleRow = { atSeconds: (now - began) / 1000, loadAverage: loadavg()[0], services, requestsPerSecond: ((totals.requests - lastTotals.requests) * 1000) / Math.max(1, now - lastTotals.atMs), failed: totals.failed - lastTotals.failed };
      lastTotals = { ...totals, atMs: now };
      rows.push(row);
      console.log(sampleLine(row, names));
    };
    await takeSample();
    const loads = soakLoads(platform.urls, setup, units, options.rates, stats);
    const stream = subscribeRuleset(platform.urls.assignment);
    loads.forEach((l) => l.start());
    const endMs = began + options.minutes * 60_000;
    let dead: (typeof platform.services)[number] | undefined;
    while (!stopping && performance.now() < endMs && !dead) {
      await sleep(Math.min(options.sampleSeconds * 1000 - ((performance.now() - began) % (options.sampleSeconds * 1000)), endMs - performance.now() + 50));
      dead = platform.services.find((s) => !s.running);
      if (!dead) await takeSample();
    }
    await Promise.all(loads.map((l) => l.stop()));
    stream.close();
    const seconds = (performance.now() - began) / 1000;

    console.log(`\n## Summary: ${f1(seconds / 60)} min of load, ${rows.length} samples; load average (1, 5, 15 min) at the end ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
    console.log(summaryTables(rows, names, stats.summaries(), seconds));
    console.log(`\nruleset stream: ${stream.snapshots()} snapshots received, ${stream.errors()} errors; new units ${units.newUnits}; load generator RSS ${f1(process.memoryUsage().rss / 2 ** 20)} MB`);
    for (const keys of setup.experiments) {
      const rollout = await fetch(`${platform.urls.deployment}/v1/rollouts/${keys.experiment}`, { headers: { authorization: `Bearer ${KEYS.reader}` } }).then((r) => r.json() as Promise<{ status?: string; percentage?: number; history?: unknown[] }>);
      console.log(`rollout ${keys.experiment}: ${rollout.status ?? '-'} at ${rollout.percentage ?? '-'} %, ${rollout.history?.length ?? 0} history entries`);
    }
    const failed = stats.totals().failed;
    if (dead) console.log(`\n${dead.name} exited (${dead.exitDescription}) during the soak:\n${platform.logs()}`);
    return dead || failed > 0 ? 1 : 0;
  } finally {
    await platform.stop();
    if (startedByUs.length > 0) await stopEngines(startedByUs);
  }
}

const f1 = (value: number) => value.toFixed(1);

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
