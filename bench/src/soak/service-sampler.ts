import { readFileSync } from 'node:fs';
import { processCpuMs } from '../evaluate-http/process-cpu';

/** One service's state at one sample. Event-loop figures cover the time since the previous scrape. */
export interface ServiceSample {
  rssMb: number;
  /**
   * The anonymous part of RSS (heaps, stacks, allocator arenas): what the process itself holds.
   * The rest is file pages mapped from disk (code, libchdb.so's 566 MB), shared and reclaimable.
   */
  anonMb: number;
  heapUsedMb: number;
  /** prom-client's `nodejs_eventloop_lag_p99_seconds`: p99 of `monitorEventLoopDelay` since the last scrape, in ms. */
  loopP99Ms: number;
  /** `nodejs_eventloop_lag_max_seconds`, in ms. */
  loopMaxMs: number;
  /** CPU used since the previous sample, % of one core. */
  cpuPercent: number;
}

/** A `Name:  <kB> kB` field of /proc/<pid>/status text, in MB (1024 x 1024 bytes); NaN when absent. */
export function statusFieldMb(status: string, field: 'VmRSS' | 'RssAnon' | 'RssFile'): number {
  const line = status.split('\n').find((l) => l.startsWith(`${field}:`));
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
    // A service that does not answer its scrape within 10 s shows '-' for heap and event loop in
    // that sample (the stall itself shows in the next sample's event-loop max); the soak goes on.
    const text = await fetch(`${this.baseUrl}/metrics`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.text()).catch(() => '');
    const now = performance.now();
    const cpuMs = processCpuMs(this.pid) ?? NaN;
    const last = this.lastCpu;
    this.lastCpu = { atMs: now, cpuMs };
    const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
    return {
      rssMb: statusFieldMb(status, 'VmRSS'),
      anonMb: statusFieldMb(status, 'RssAnon'),
      heapUsedMb: promValue(text, 'nodejs_heap_size_used_bytes') / 2 ** 20,
      loopP99Ms: promValue(text, 'nodejs_eventloop_lag_p99_seconds') * 1000,
      loopMaxMs: promValue(text, 'nodejs_eventloop_lag_max_seconds') * 1000,
      cpuPercent: last ? (100 * (cpuMs - last.cpuMs)) / (now - last.atMs) : NaN,
    };
  }
}
