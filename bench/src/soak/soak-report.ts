import type { EndpointSummary } from './request-stats';
import type { ServiceSample } from './service-sampler';
import { medianAndMax, summariseSeries, type SeriesSummary } from './soak-summary';

export interface SampleRow {
  atSeconds: number;
  loadAverage: number;
  services: Record<string, ServiceSample>;
  requestsPerSecond: number;
  failed: number;
}

const f = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
const pad = (text: string, width: number) => text.padStart(width);

export function sampleHeader(services: string[]): string {
  const cells = services.map((s) => pad(`${s}: RSS  anon  heap  p99  max cpu%`, 44));
  return 'per service: RSS, its anonymous part and JS heap used (MB), event-loop delay p99 and max since the previous sample (ms), CPU (% of one core)\n' +
    `${pad('t (s)', 6)} ${pad('load', 5)} | ${cells.join(' | ')} | ${pad('req/s', 6)} ${pad('failed', 6)}`;
}

export function sampleLine(row: SampleRow, services: string[]): string {
  const cells = services.map((name) => {
    const s = row.services[name];
    return pad(`${f(s.rssMb)} ${pad(f(s.anonMb), 5)} ${pad(f(s.heapUsedMb), 5)} ${pad(f(s.loopP99Ms), 5)} ${pad(f(s.loopMaxMs), 5)} ${pad(f(s.cpuPercent, 0), 4)}`, 44);
  });
  return `${pad(String(Math.round(row.atSeconds)), 6)} ${pad(f(row.loadAverage, 2), 5)} | ${cells.join(' | ')} | ${pad(f(row.requestsPerSecond, 0), 6)} ${pad(String(row.failed), 6)}`;
}

const firstMaxLast = (s: SeriesSummary) => `${f(s.first)} / ${f(s.max)} / ${f(s.last)}`;
const growth = (s: SeriesSummary) => `${s.growthLastHalf >= 0 ? '+' : ''}${f(s.growthLastHalf)} (${f(s.slopeLastHalfPerMin, 2)}/min)`;

/** Markdown tables: memory and event loop per service over the samples, then requests per endpoint. */
export function summaryTables(rows: SampleRow[], services: string[], endpoints: EndpointSummary[], seconds: number): string {
  const at = rows.map((r) => r.atSeconds);
  const lines = [
    '| service | RSS first / max / last (MB) | RSS growth, last half (MB; slope MB/min) | anonymous RSS first / max / last (MB) | anonymous growth, last half (MB; slope MB/min) | heap used first / max / last (MB) | event-loop p99 per sample, p50 / max (ms) | event-loop max, worst sample (ms) | CPU, mean (% of a core) |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const name of services) {
    const of = (pick: (s: ServiceSample) => number) => rows.map((r) => pick(r.services[name]));
    const rss = summariseSeries(of((s) => s.rssMb), at);
    const anon = summariseSeries(of((s) => s.anonMb), at);
    const heap = summariseSeries(of((s) => s.heapUsedMb), at);
    const p99 = medianAndMax(of((s) => s.loopP99Ms).slice(1));
    const worst = medianAndMax(of((s) => s.loopMaxMs).slice(1)).max;
    const cpu = of((s) => s.cpuPercent).filter(Number.isFinite);
    const mean = cpu.reduce((a, b) => a + b, 0) / cpu.length;
    lines.push(
      `| ${name} | ${firstMaxLast(rss)} | ${growth(rss)} | ${firstMaxLast(anon)} | ${growth(anon)} ` +
        `| ${firstMaxLast(heap)} | ${f(p99.p50)} / ${f(p99.max)} | ${f(worst)} | ${f(mean, 0)} |`,
    );
  }
  lines.push('', '| endpoint | requests | per s | by status | skipped (64 in flight) | p50 | p90 | p99 | max (ms) |', '|---|---|---|---|---|---|---|---|---|');
  for (const e of endpoints) {
    const statuses = Object.entries(e.statuses).map(([status, count]) => `${status}: ${count}`).join(', ');
    lines.push(`| ${e.endpoint} | ${e.requests} | ${f(e.requests / seconds, 2)} | ${statuses} | ${e.skipped} | ${f(e.p50, 2)} | ${f(e.p90, 2)} | ${f(e.p99, 2)} | ${f(e.max, 2)} |`);
  }
  const failures = endpoints.flatMap((e) => e.failures.map((x) => `- ${e.endpoint}: ${x.count} x ${x.what}`));
  if (failures.length > 0) lines.push('', 'Failures (first distinct ones per endpoint):', ...failures);
  return lines.join('\n');
}
