import { ApiError } from './api-error';

export type ServiceName = 'config' | 'assignment' | 'analysis' | 'deployment';

export interface RequestOptions {
  method?: string;
  body?: unknown;
  /** The version a write is based on (sent as If-Match). */
  version?: number;
}

/** JSON calls to `/api/<service>/...` on the console's origin with the signed-in key. */
export class ApiClient {
  constructor(
    private readonly key: string,
    private readonly fetcher: typeof fetch = (...args) => fetch(...args),
  ) {}

  async call<T>(service: ServiceName, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}` };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.version !== undefined) headers['if-match'] = `"${options.version}"`;
    const res = await this.fetcher(`/api/${service}${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string; details?: ApiError['details'] } } | undefined)?.error;
      throw new ApiError(res.status, error?.code ?? `http_${res.status}`, error?.message ?? (text.slice(0, 200) || res.statusText), error?.details);
    }
    return parsed as T;
  }

  get<T>(service: ServiceName, path: string): Promise<T> {
    return this.call<T>(service, path);
  }

  post<T>(service: ServiceName, path: string, body: unknown = {}, version?: number): Promise<T> {
    return this.call<T>(service, path, { method: 'POST', body, version });
  }

  put<T>(service: ServiceName, path: string, body: unknown, version: number): Promise<T> {
    return this.call<T>(service, path, { method: 'PUT', body, version });
  }
}

export type Role = 'admin' | 'reader';

/**
 * What a key may do, asked of config-service itself: a read tells a known key from an unknown one,
 * and an empty create (refused before anything is written: 403 for a reader, 400 for an admin)
 * tells the roles apart. The console never decides permissions on its own.
 */
export async function roleOf(client: ApiClient): Promise<Role> {
  await client.get('config', '/v1/flags');
  try {
    await client.post('config', '/v1/flags', {});
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) return 'reader';
    if (error instanceof ApiError && error.status === 400) return 'admin';
    throw error;
  }
  throw new ApiError(500, 'unexpected_answer', 'an empty flag was accepted');
}
