export const pct = (x: number, digits = 1): string => `${(x * 100).toFixed(digits)} %`;
export const signedPct = (x: number, digits = 1): string => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(digits)} %`;
export const num = (x: number, digits = 3): string => (Number.isInteger(x) ? x.toLocaleString('en') : x.toPrecision(digits));
export const interval = ([lo, hi]: [number, number], f: (x: number) => string = signedPct): string => `[${f(lo)}, ${f(hi)}]`;

export function pValue(p: number): string {
  if (p < 1e-4) return '< 0.0001';
  return p.toFixed(4);
}

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
  return `${Math.floor(s / 86_400)} d ${Math.floor((s % 86_400) / 3600)} h`;
}

export const time = (iso: string): string => new Date(iso).toISOString().replace('T', ' ').slice(0, 19);
