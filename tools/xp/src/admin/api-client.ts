import type { PlatformUrls } from './platform-urls';

export type Service = keyof PlatformUrls;

/** A refusal by the API: its status and the platform's error body (`error.code`, `error.message`, `error.details`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** `409 version_conflict: Expected version 3 but ...` (no status when nothing answered) and one line per field issue. */
  describe(): string {
    const issues = Array.isArray(this.details.issues) ? (this.details.issues as Array<{ path?: unknown; message?: unknown }>) : [];
    const lines = issues.map((i) => `  ${String(i.path ?? '') || '(body)'}: ${String(i.message ?? '')}`);
    return [`${this.status === 0 ? '' : `${this.status} `}${this.code}: ${this.message}`, ...lines].join('\n');
  }
}

export interface RequestOptions {
  body?: unknown;
  /** The version the change is based on, sent as If-Match. */
  ifMatch?: number;
  query?: Record<string, string | undefined>;
  comment?: string;
}

/** JSON over the platform's REST APIs with one API key. */
export class ApiClient {
  constructor(
    private readonly urls: PlatformUrls,
    private readonly key: string,
    private readonly doFetch: typeof fetch = fetch,
  ) {}

  async request<T = Record<string, unknown>>(method: string, service: Service, path: string, options: RequestOptions = {}): Promise<T> {
    const query = Object.entries(options.query ?? {}).filter((e): e is [string, string] => e[1] !== undefined);
    const url = `${this.urls[service]}${path}${query.length > 0 ? `?${new URLSearchParams(query)}` : ''}`;
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.ifMatch !== undefined) headers['if-match'] = `"${options.ifMatch}"`;
    if (options.comment !== undefined) headers['x-change-comment'] = options.comment;
    let res: Response;
    try {
      res = await this.doFetch(url, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
    } catch (error) {
      throw new ApiError(0, 'unreachable', `${service}-service at ${this.urls[service]} is unreachable (${(error as Error).message})`);
    }
    const text = await res.text();
    const parsed = parseJson(text);
    if (res.ok) return parsed as T;
    const body = (parsed as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined)?.error;
    throw new ApiError(res.status, body?.code ?? `http_${res.status}`, body?.message ?? (text.slice(0, 500) || res.statusText), body?.details ?? {});
  }
}

function parseJson(text: string): unknown {
  if (text.length === 0) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
