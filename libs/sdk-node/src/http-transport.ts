import { XpSdkError } from './sdk-error';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

export interface HttpTransportOptions {
  baseUrl: string;
  sdkKey: string;
  fetch?: FetchLike;
}

/** Authenticated requests to assignment-service; network failures become retriable XpSdkErrors. */
export class HttpTransport {
  private readonly baseUrl: string;
  private readonly fetchFn: FetchLike;

  constructor(private readonly options: HttpTransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
  }

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('authorization', `Bearer ${this.options.sdkKey}`);
    if (init.body !== undefined) headers.set('content-type', 'application/json');
    try {
      return await this.fetchFn(`${this.baseUrl}${path}`, { ...init, headers });
    } catch (error) {
      if (init.signal?.aborted) throw error;
      throw new XpSdkError('network_error', `${init.method ?? 'GET'} ${path} failed: ${(error as Error).message}`, true);
    }
  }

  /** POSTs JSON and reads the answer; only network failures throw (statuses are the caller's to judge). */
  async postJson(path: string, body: unknown): Promise<{ status: number; text: string }> {
    const res = await this.request(path, { method: 'POST', body: JSON.stringify(body) });
    return { status: res.status, text: await res.text().catch(() => '') };
  }
}

export function httpError(method: string, path: string, status: number, body: string): XpSdkError {
  const retriable = status >= 500 || status === 429 || status === 408;
  return new XpSdkError('http_error', `${method} ${path} answered ${status}: ${body.slice(0, 300)}`, retriable, status);
}

/** The parsed body, or undefined when it is not JSON. */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
