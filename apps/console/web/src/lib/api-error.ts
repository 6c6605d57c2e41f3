/** An answer of a service that was not 2xx, in the platform's `{error: {code, message, details?}}` shape. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: { issues?: Array<{ path: Array<string | number> | string; message: string }> } & Record<string, unknown>,
  ) {
    super(message);
  }
}

/** Field path (`variants.1.value`) -> message, from a 400/422's `details.issues`. */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details?.issues)) return {};
  const out: Record<string, string> = {};
  for (const issue of error.details.issues) {
    const path = Array.isArray(issue.path) ? issue.path.join('.') : String(issue.path ?? '');
    out[path] = out[path] ? `${out[path]}; ${issue.message}` : issue.message;
  }
  return out;
}

/** Errors whose path starts with `prefix.` (or is `prefix`), re-keyed relative to it. */
export function errorsUnder(errors: Record<string, string>, prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [path, message] of Object.entries(errors)) {
    if (path === prefix) out[''] = message;
    else if (path.startsWith(`${prefix}.`)) out[path.slice(prefix.length + 1)] = message;
  }
  return out;
}
