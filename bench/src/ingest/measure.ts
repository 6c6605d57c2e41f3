import { readFileSync, writeFileSync } from 'node:fs';

export interface Measurement {
  wallMs: number;
  /** CPU of this process; chdb runs ClickHouse inside it, so this is the query's CPU on every core. */
  cpuMs: number;
  /** Peak resident memory of the process during the call (Linux VmHWM, reset before the call). */
  peakRssMb?: number;
}

/** Resets the kernel's peak-RSS mark of this process (Linux >= 4.0); false where unsupported. */
function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

function peakRssMb(): number | undefined {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Math.round(Number(match[1]) / 1024) : undefined;
}

export async function measure<T>(work: () => Promise<T>): Promise<{ value: T; measurement: Measurement }> {
  const resetOk = resetPeakRss();
  const cpu = process.cpuUsage();
  const started = Date.now();
  const value = await work();
  const wallMs = Date.now() - started;
  const used = process.cpuUsage(cpu);
  return {
    value,
    measurement: { wallMs, cpuMs: Math.round((used.user + used.system) / 1000), peakRssMb: resetOk ? peakRssMb() : undefined },
  };
}
