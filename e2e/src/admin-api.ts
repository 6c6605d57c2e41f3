/** GET/POST with the development keys the services use when API_KEYS is unset. */
export async function api<T = Record<string, unknown>>(baseUrl: string, path: string, options: { method?: string; body?: unknown; key?: string } = {}): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers: { authorization: `Bearer ${options.key ?? 'dev-admin-key'}`, 'content-type': 'application/json' },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${options.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
