export const REDACTED = '[redacted]';

// Field names of domain identifiers that merely end in "key" (a flag key, an experiment key):
// redacting them would make the logs useless, and they are not secrets.
const NON_SECRET_KEY_FIELDS = new Set([
  'key',
  'flagkey',
  'experimentkey',
  'metrickey',
  'segmentkey',
  'layerkey',
  'streamkey',
  'idempotencykey',
  'partitionkey',
]);

export function isSecretField(name: string): boolean {
  const lower = name.toLowerCase();
  if (/password|passwd|secret|token|authorization|cookie/.test(lower)) return true;
  return lower.includes('key') && !NON_SECRET_KEY_FIELDS.has(lower.replace(/[-_]/g, ''));
}

function isPlain(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  // Also an Object.prototype of another realm: under Jest, Node's http module builds request
  // headers outside the test's realm, and a strict check let them through unredacted.
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/**
 * Copies plain objects and arrays, replacing the values of secret-looking fields. Class instances
 * (errors, requests) are left to their serializers; the input is never mutated.
 */
export function redactSecrets<T>(value: T, depth = 0): T {
  if (depth > 8) return value;
  if (Array.isArray(value)) return value.map((v) => redactSecrets(v, depth + 1)) as T;
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = isSecretField(k) && v !== undefined ? REDACTED : redactSecrets(v, depth + 1);
  }
  return out as T;
}
