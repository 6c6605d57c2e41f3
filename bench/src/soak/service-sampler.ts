import { readFileSync } from 'node:fs';
import { processCpuMs } from '../evaluate-http/process-cpu';

/** One service's state at one sample. Event-loop figures cover the time since the previous scrape. */
export interface ServiceSample {
  rssMb: number;
  heapUsedMb: number;
  /** prom-client's `nodejs_eventloop_lag_p99_seconds`: p99 of `monitorEventLoopDelay` since the last scrape, in ms. */
  loopP99Ms: number;
  /** `nodejs_eventloop_lag_max_seconds`, in ms. */
  loopMaxMs: number;
  /** CPU used since the previous sample, % of one core. */
  cpuPercent: number;
}

/** VmRSS of a process from /proc/<pid>/status, in MB (1024 x 1024 bytes). */
export function readRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  const kb = Number(line?.split(/\s+/)[1]);
  return Number.isFinite(kb) ? kb / 1024 : NaN;
}

/** The value of an unlabelled-or-labelled sample `name{...} value` in Prometheus text; NaN when absent. */
export function promValue(text: string, name: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `));
  return line === undefined ? NaN : Number(line.slice(line.lastIndexOf(' ') + 1));
}

/** Samples one service process: RSS from /proc, event loop and heap from its GET /metrics, CPU from /proc. */
export class ServiceSampler {
  private lastCpu?: { atMs: number; cpuMs: number };

  constructor(
    readonly name: string,
    private readonly pid: number,
    private readonly baseUrl: string,
  ) {}

  async sample(): Promise<ServiceSample> {
    const text = await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text());
    const now = performance.now();
    const cpuMs = processCpuMs(this.pid) ?? NaN;
    const last = this.lastCpu;
    this.lastCpu = { atMs: now, cpuMs };
    return {
      rssMb: readRssMb(this.pid),
      heapUsedMb: promValue(text, 'nodejs_heap_size_used_bytes') / 2 ** 20,
      loopP99Ms: promValue(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      loopMaxMs: promValue(text, 'nodejs_eventloop_lag_max_seconds') * 1000,
      cpuPercent: last ? (100 * (cpuMs - last.cpuMs)) / (now - last.atMs) : NaN,
    };
  }
}
