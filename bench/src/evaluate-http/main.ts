import autocannon from 'autocannon';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { makeProfiles } from '../evaluation/workload';

/**
 * `npm run bench:evaluate-http` — POST /v1/evaluate throughput and latency on loopback, at a fixed
 * offered rate (autocannon `overallRate`). Without ASSIGNMENT_SERVICE_URL it starts assignment-service
 * in a child process (needs Kafka: `npm run infra:up`) with the 50-flag bench workload; with it, it
 * targets that service (key from XP_SDK_KEY, default dev-sdk-key) and evaluates all its flags.
 */
const RATE = Number(process.env.BENCH_RATE ?? 5000);
const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 20);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function startService(): Promise<{ url: string; sdkKey: string; child: ChildProcess }> {
  // BENCH_CPU_PROF_DIR=<dir>: the service writes a V8 CPU profile there when it stops (see where the time goes).
  const profile = process.env.BENCH_CPU_PROF_DIR ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, '-r', '@swc-node/register', join(__dirname, 'serve-assignment.ts')], {
    cwd: join(__dirname, '..', '..', '..'),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`assignment-service exited with ${code} before it was ready (is Kafka up? npm run infra:up)`)));
    lines.on('line', (line) => {
      if (line.startsWith('{"url"')) resolve((JSON.parse(line) as { url: string }).url);
    });
  });
  return { url, sdkKey: 'bench-sdk-key', child };
}

async function main(): Promise<void> {
  const external = process.env.ASSIGNMENT_SERVICE_URL;
  const target = external ? { url: external, sdkKey: process.env.XP_SDK_KEY ?? 'dev-sdk-key', child: null } : await startService();
  const profiles = makeProfiles();
  let n = 0;
  const body = () => {
    const i = n++ % 1_000_000;
    return JSON.stringify({ unit: `user-${i}`, attributes: profiles[i % profiles.length] });
  };
  console.log(`POST ${target.url}/v1/evaluate: ${RATE} requests/s offered for ${DURATION_S} s over ${CONNECTIONS} connections (${external ? 'external service' : 'service started by the bench'})`);
  const warm = await autocannon({ url: `${target.url}/v1/evaluate`, duration: 5, connections: CONNECTIONS, overallRate: RATE, ...request(target.sdkKey, body) });
  console.log(`warm-up: ${warm.requests.total} requests`);
  const result = await autocannon({ url: `${target.url}/v1/evaluate`, duration: DURATION_S, connections: CONNECTIONS, overallRate: RATE, ...request(target.sdkKey, body) });
  const l = result.latency;
  console.log(`requests: ${result.requests.total} (${result.requests.average} req/s average), 2xx: ${result['2xx']}, non-2xx: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts}`);
  console.log(`latency ms: p50 ${l.p50}  p90 ${l.p90}  p99 ${l.p99}  p99.9 ${l.p99_9}  max ${l.max}  (mean ${l.average})`);
  console.log(`Target p99 < 5 ms at ${RATE} req/s: ${l.p99 < 5 && result.requests.average >= RATE * 0.95 ? 'met' : 'NOT met'}`);
  if (target.child) {
    target.child.kill('SIGTERM');
    await new Promise((resolve) => target.child!.once('exit', resolve));
  }
}

function request(sdkKey: string, body: () => string): Partial<autocannon.Options> {
  return {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${sdkKey}` },
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: body() }) }],
  };
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
