/**
 * Date query parameters as Unix seconds with milliseconds ("1704164645.006"), the form
 * @clickhouse/client sends to a server: time-zone independent and exact to the millisecond. chdb's
 * own formatting (also used by chdb/connection) drops the milliseconds, so both adapters convert
 * Dates (also inside arrays) before binding and behave the same on every transport.
 */
export function normalizeDateParams(params: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(params)) out[key] = normalizeValue(value);
  return out;
}

function normalizeValue(value: unknown): unknown {
  if (value instanceof Date) return unixSeconds(value);
  if (Array.isArray(value)) return value.map(normalizeValue);
  return value;
}

function unixSeconds(date: Date): string {
  const millis = date.getTime();
  const seconds = Math.floor(millis / 1000);
  const fraction = millis - seconds * 1000;
  return fraction === 0 ? String(seconds) : `${seconds}.${String(fraction).padStart(3, '0')}`;
}
