import { DemoError } from './demo-error';

export interface ApiResponse<T> {
  status: number;
  body: T;
}

/** JSON over HTTP to one service with one API key; non-2xx answers throw unless listed in `accept`. */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly apiKey: string,
  ) {}

  async request<T>(method: string, path: string, body?: unknown, accept: number[] = []): Promise<ApiResponse<T>> {
    let res: Response;
    try {
      res = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.apiKey}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (err) {
      throw new DemoError('unreachable', `${method} ${this.baseUrl}${path}: ${(err as Error).message}`, true);
    }
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    if (!res.ok && !accept.includes(res.status)) {
      throw new DemoError('http_error', `${method} ${path} -> ${res.status}: ${text.slice(0, 500)}`, res.status >= 500);
    }
    return { status: res.status, body: parsed };
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).body;
  }

  async post<T>(path: string, body?: unknown): Promise<T> {
    return (await this.request<T>('POST', path, body ?? {})).body;
  }
}
