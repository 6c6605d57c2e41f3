import { ENVIRONMENT_KEY_PATTERN, evaluateRequestSchema, MAX_ATTRIBUTES, MAX_FLAGS_PER_REQUEST, type EvaluateRequest } from '@xp/contracts';

const MAX_UNIT = 256;
const MAX_STRING = 4096;
const MAX_KEY = 200;
const MAX_LIST = 100;

/**
 * Parses an evaluate body. The hot path checks the common, valid shape by hand (it runs on every
 * request; zod's generic machinery cost more than the flag engine here) and accepts only what
 * `evaluateRequestSchema` accepts. Anything else — every invalid body and the odd valid one the
 * hand check does not cover — goes through the schema, so errors keep zod's messages and paths.
 */
export function parseEvaluateRequest(body: unknown): EvaluateRequest {
  return fastParse(body) ?? evaluateRequestSchema.parse(body);
}

function fastParse(body: unknown): EvaluateRequest | undefined {
  if (!isRecord(body)) return undefined;
  const { unit, attributes, flags, environment } = body;
  if (typeof unit !== 'string' || unit.length === 0 || unit.length > MAX_UNIT) return undefined;
  if (attributes !== undefined && !validAttributes(attributes)) return undefined;
  if (flags !== undefined && !validFlags(flags)) return undefined;
  if (environment !== undefined && !validEnvironment(environment)) return undefined;
  // A fresh object, like the schema's output: unknown top-level fields are dropped.
  const parsed: EvaluateRequest = { unit };
  if (attributes !== undefined) parsed.attributes = attributes as EvaluateRequest['attributes'];
  if (flags !== undefined) parsed.flags = flags as string[];
  if (environment !== undefined) parsed.environment = environment as string;
  return parsed;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isScalar = (v: unknown): boolean =>
  (typeof v === 'string' && v.length <= MAX_STRING) || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function validAttributes(attributes: unknown): boolean {
  if (!isRecord(attributes)) return false;
  let count = 0;
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) return false;
    // "__proto__" would be copied differently by the schema: leave it to the schema.
    if (++count > MAX_ATTRIBUTES || key.length === 0 || key.length > MAX_KEY || key === '__proto__') return false;
    const value = attributes[key];
    if (value === null || isScalar(value)) continue;
    if (!Array.isArray(value) || value.length > MAX_LIST) return false;
    for (let i = 0; i < value.length; i++) if (!isScalar(value[i])) return false;
  }
  return true;
}

function validFlags(flags: unknown): boolean {
  if (!Array.isArray(flags) || flags.length > MAX_FLAGS_PER_REQUEST) return false;
  for (let i = 0; i < flags.length; i++) {
    const f: unknown = flags[i];
    if (typeof f !== 'string' || f.length === 0 || f.length > MAX_KEY) return false;
  }
  return true;
}

function validEnvironment(environment: unknown): boolean {
  return typeof environment === 'string' && environment.length <= 64 && ENVIRONMENT_KEY_PATTERN.test(environment);
}
