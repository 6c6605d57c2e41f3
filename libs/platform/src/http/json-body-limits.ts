import { InvalidInputError } from '../errors/domain-error';

/** Deepest nesting of objects and arrays a request body may have (the body itself is depth 1). */
export const MAX_JSON_DEPTH = 32;
/** Longest string (value or key) a request body may hold, in UTF-16 code units; schemas set tighter limits per field. */
export const MAX_JSON_STRING_LENGTH = 65_536;

// NUL cannot be stored by PostgreSQL (text or jsonb), nor can a lone surrogate (jsonb refuses "\ud800").
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
// Control characters make keys unprintable and ambiguous in logs, paths and SQL identifiers.
const CONTROL = /[\u0000-\u001f\u007f]/;

interface Frame {
  value: object;
  depth: number;
  parent: Frame | undefined;
  key: string | number | undefined;
}

function pathOf(frame: Frame | undefined, last?: string | number): string {
  const keys: Array<string | number> = last === undefined ? [] : [last];
  for (let f = frame; f?.key !== undefined; f = f.parent) keys.unshift(f.key);
  return keys.join('.');
}

function refuse(code: string, path: string, problem: string): InvalidInputError {
  const where = path === '' ? '(body)' : path;
  return new InvalidInputError(code, `Invalid request body at ${where}: ${problem}`, { details: { issues: [{ path, message: problem }] } });
}

const isBadString = (s: string): boolean => s.length > MAX_JSON_STRING_LENGTH || UNSTORABLE.test(s);

function stringProblem(s: string, path: string): InvalidInputError {
  if (s.length > MAX_JSON_STRING_LENGTH) return refuse('json_string_too_long', path, `longer than ${MAX_JSON_STRING_LENGTH} characters`);
  return refuse('json_invalid_string', path, 'contains a NUL character (\\u0000) or an unpaired surrogate');
}

/**
 * Checks a parsed body before any handler sees it: nesting depth, string lengths, characters no store
 * can keep, control characters in keys, and prototype-poisoning keys (`__proto__`, `constructor.prototype`).
 * Iterative, so a hostile depth cannot overflow the stack. Returns the first problem, naming its path.
 */
export function jsonBodyProblem(body: unknown): InvalidInputError | undefined {
  if (typeof body === 'string') return isBadString(body) ? stringProblem(body, '') : undefined;
  if (body === null || typeof body !== 'object') return undefined;
  const stack: Frame[] = [{ value: body, depth: 1, parent: undefined, key: undefined }];
  while (stack.length > 0) {
    const frame = stack.pop() as Frame;
    if (frame.depth > MAX_JSON_DEPTH) return refuse('json_too_deep', pathOf(frame), `nested deeper than ${MAX_JSON_DEPTH} levels`);
    // Plain loops, no entries array: this runs on every request body of the evaluate hot path.
    if (Array.isArray(frame.value)) {
      const items = frame.value as unknown[];
      for (let i = 0; i < items.length; i++) {
        const problem = valueProblem(stack, frame, i, items[i]);
        if (problem) return problem;
      }
      continue;
    }
    const object = frame.value as Record<string, unknown>;
    for (const key in object) {
      if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
      const value = object[key];
      const problem = keyProblem(frame, key, value) ?? valueProblem(stack, frame, key, value);
      if (problem) return problem;
    }
  }
  return undefined;
}

function keyProblem(frame: Frame, key: string, value: unknown): InvalidInputError | undefined {
  if (key === '__proto__') return refuse('json_forbidden_key', pathOf(frame, key), 'the key "__proto__" is not allowed (prototype poisoning)');
  if (CONTROL.test(key)) return refuse('json_invalid_key', pathOf(frame, JSON.stringify(key)), 'keys may not contain control characters');
  if (isBadString(key)) {
    return refuse('json_invalid_key', pathOf(frame, key.slice(0, 100)), `keys may be at most ${MAX_JSON_STRING_LENGTH} characters, without unpaired surrogates`);
  }
  if (key === 'constructor' && value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'prototype')) {
    return refuse('json_forbidden_key', pathOf(frame, 'constructor.prototype'), 'the key "constructor.prototype" is not allowed (prototype poisoning)');
  }
  return undefined;
}

/** A bad string value is the problem; an object or array is queued for its own frame. */
function valueProblem(stack: Frame[], frame: Frame, key: string | number, value: unknown): InvalidInputError | undefined {
  if (typeof value === 'string') return isBadString(value) ? stringProblem(value, pathOf(frame, key)) : undefined;
  if (value !== null && typeof value === 'object') stack.push({ value, depth: frame.depth + 1, parent: frame, key });
  return undefined;
}
