import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { makeProfiles } from '../evaluation/workload';
import { EXPERIMENT_COUNT, newUnitBodies } from './exposure-workload';
import { processCpuMs } from './process-cpu';

/**
 * `npm run bench:evaluate-http` — POST /v1/evaluate throughput and latency on loopback, at a fixed
 * offered rate (autocannon `overallRate`). Without ASSIGNMENT_SERVICE_URL it starts assignment-service
 * in a child process (needs Kafka: `npm run infra:up`) with the 50-flag bench workload; with it, it
 * targets that service (key from XP_SDK_KEY, default dev-sdk-key) and evaluates all its flags.
 * BENCH_RATE=0 measures capacity instead (no rate limit: every connection sends as fast as answered).
 * BENCH_BASELINE=1 first runs the same load against a bare node:http server (see baseline-server.ts).
 * Two paths (BENCH_PATHS=both|repeated|exposures, default both), each on a service of its own:
 * - repeated: units of a fixed 1,000,000 with 1,000 profiles' attributes, no running experiment (no exposure);
 * - exposures: the same flags plus running experiments, a new unit with its own attributes per request, so
 *   every request logs EXPERIMENT_COUNT exposures (buffer, producer, Kafka) and the dedup window evicts.
 */
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ROOT = join(__dirname, '..', '..', '..');
const PATHS = process.env.BENCH_PATHS ?? 'both';

interface Target {
  url: string;
  sdkKey: string;
  child: ChildProcess | null;
}

async function startChild(args: string[], what: string, env: NodeJS.ProcessEnv = {}): Promise<ChildProcess & { url: Promise<string> }> {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${what} exited with ${code} before it was ready`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url);
      else process.stderr.write(`${line}\n`);
    });
  });
  return Object.assign(child, { url });
}

async function startService(ruleset: 'plain' | 'exposures'): Promise<Target> {
  // BENCH_CPU_PROF_DIR=<dir>: the service writes a V8 CPU profile there when it stops (see where the time goes).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  // BENCH_SERVICE_NODE_ARGS="--trace-gc ...": more Node flags for the service only.
  const extra = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = await startChild([...profile, ...extra, '-r', '@swc-node/register', join(__dirname, 'serve-assignment.ts')], 'assignment-service (is Kafka up? npm run infra:up)', {
    BENCH_RULESET: ruleset,
  });
  return { url: await child.url, sdkKey: 'bench-sdk-key', child };
}

async function startBaseline(responseBytes: number): Promise<Target> {
  const child = await startChild(['-r', '@swc-node/register', join(__dirname, 'baseline-server.ts'), String(responseBytes)], 'baseline server');
  return { url: await child.url, sdkKey: 'none', child };
}

async function stop(target: Target): Promise<void> {
  if (!target.child) return;
  const exited = new Promise((resolve) => target.child!.once('exit', resolve));
  target.child.kill('SIGTERM');
  await exited;
}

function body(): () => string {
  const profiles = makeProfiles();
  let n = 0;
  return () => {
    const i = n++ % 1_000_000;
    return JSON.stringify({ unit: `user-${i}`, attributes: profiles[i % profiles.length] });
  };
}

interface Percentiles {
  p50: number;
  p90: number;
  p99: number;
  p99_9: number;
  max: number;
}

/** Nearest-rank percentiles of the samples, in ms to 0.01. */
function percentiles(samples: number[]): Percentiles {
  const sorted = Float64Array.from(samples).sort();
  const at = (q: number) => Math.round(100 * (sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? NaN)) / 100;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), p99_9: at(0.999), max: at(1) };
}

async function measure(label: string, target: Target, next: () => string = body()): Promise<autocannon.Result & { raw: Percentiles }> {
  const options = {
    url: `${target.url}/v1/evaluate`,
    connections: CONNECTIONS,
    ...(RATE > 0 ? { overallRate: RATE } : {}),
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${target.sdkKey}` },
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: next() }) }],
  };
  await autocannon({ ...options, duration: 5 });
  const load = loadavg()[0].toFixed(2);
  // Every 2xx response time as measured (ms, sub-millisecond resolution), next to autocannon's histogram.
  const measured: number[] = [];
  const cpuBefore = processCpuMs(target.child?.pid);
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon({ ...options, duration: DURATION_S }, (err, result) => (err ? reject(err) : resolve(result)));
    run.on('response', (_client, status, _bytes, ms) => {
      if (status >= 200 && status < 300) measured.push(ms);
    });
  });
  const cpuAfter = processCpuMs(target.child?.pid);
  const l = r.latency;
  const raw = percentiles(measured);
  const offered = RATE > 0 ? `${RATE} req/s offered` : 'no rate limit (capacity)';
  console.log(`[${label}] ${offered}, ${CONNECTIONS} connections, ${DURATION_S} s, load average ${load} -> ${loadavg()[0].toFixed(2)}`);
  console.log(`  achieved ${r.requests.average} req/s (${r.requests.total} requests, ${Math.round(r.throughput.total / Math.max(1, r.requests.total))} bytes each); 2xx ${r['2xx']}, non-2xx ${r.non2xx}, errors ${r.errors}, timeouts ${r.timeouts}`);
  console.log(`  latency ms, as measured:      p50 ${raw.p50}  p90 ${raw.p90}  p99 ${raw.p99}  p99.9 ${raw.p99_9}  max ${raw.max}`);
  if (cpuBefore !== undefined && cpuAfter !== undefined) {
    const cpuMs = cpuAfter - cpuBefore;
    console.log(`  service CPU: ${Math.round((cpuMs * 1000) / Math.max(1, r.requests.total))} µs per request (${Math.round(cpuMs / (10 * DURATION_S))} % of one core)`);
  }
  console.log(`  latency ms, autocannon's:     p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  p99.9 ${l.p99_9}  max ${l.max}  (whole ms; see bench/README.md)`);
  return { ...r, raw };
}

function reportTarget(result: autocannon.Result & { raw: Percentiles }): void {
  if (RATE <= 0) return;
  const met = Math.max(result.raw.p99, result.latency.p99) < 5 && result.requests.average >= RATE * 0.95 && result.non2xx + result.errors === 0;
  console.log(`  target p99 < 5 ms at ${RATE} req/s: ${met ? 'met' : 'NOT met'}`);
}

/** The service's exposure counters (its /metrics), to show every request logged exposures. */
async function exposureCounters(target: Target): Promise<string> {
  const text = await (await fetch(`${target.url}/metrics`)).text();
  const value = (name: string) => new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)`, 'm').exec(text)?.[1] ?? '?';
  return ['published', 'deduplicated', 'dropped'].map((k) => `${k} ${value(`assignment_exposures_${k}_total`)}`).join(', ') +
    `, evaluations ${value('assignment_flag_evaluations_total')}, buffered ${value('assignment_exposure_buffer_size')}`;
}

async function runRepeated(external: string | undefined): Promise<void> {
  const target: Target = external ? { url: external, sdkKey: process.env.XP_SDK_KEY ?? 'dev-sdk-key', child: null } : await startService('plain');
  console.log(`POST ${target.url}/v1/evaluate (${external ? 'external service' : 'service started by the bench'}); 5 s warm-up before each measurement`);
  if (process.env.BENCH_BASELINE === '1') {
    const probe = await fetch(`${target.url}/v1/evaluate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.sdkKey}` },
      body: body()(),
    });
    const baseline = await startBaseline((await probe.arrayBuffer()).byteLength);
    await measure('bare node:http, same load and response size', baseline);
    await stop(baseline);
  }
  reportTarget(await measure('repeated units, no running experiment', target));
  await stop(target);
}

async function runExposures(): Promise<void> {
  const target = await startService('exposures');
  console.log(`POST ${target.url}/v1/evaluate, ${EXPERIMENT_COUNT} running experiments, a new unit per request; 5 s warm-up`);
  reportTarget(await measure(`running experiments, a new unit per request (${EXPERIMENT_COUNT} exposures each)`, target, newUnitBodies()));
  console.log(`  exposures (warm-up included): ${await exposureCounters(target)}`);
  await stop(target);
}

async function main(): Promise<void> {
  const external = process.env.ASSIGNMENT_SERVICE_URL;
  console.log(`${new Date().toISOString()}, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} (1, 5, 15 min)`);
  if (PATHS !== 'exposures') await runRepeated(external);
  if (PATHS !== 'repeated') {
    if (external) console.log('exposure path skipped: it needs the service the bench starts (its ruleset has the running experiments)');
    else await runExposures();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
