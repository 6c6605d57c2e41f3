/**
 * The subset of ClickHouse's HTTP interface that clients use (@clickhouse/client, curl, Grafana's
 * data source, JDBC/ODBC-over-HTTP BI tools), parsed from a request into what to run:
 * - the query: the `query` URL parameter, followed by the body (POST), as ClickHouse joins them;
 *   a `multipart/form-data` body carries `query` and `param_*` as fields (clickhouse-js does that
 *   for long parameters);
 * - `param_<name>`: values of `{name:Type}` placeholders, as text (ClickHouse parses them by type);
 * - the output format: `default_format`, else the `X-ClickHouse-Format` header, else TabSeparated
 *   (a FORMAT clause in the query wins, in the engine);
 * - `database` / `X-ClickHouse-Database`;
 * - the key: `Authorization: Bearer <key>`, HTTP basic auth with the key as password (any user
 *   name), `X-ClickHouse-Key`, or the `password` URL parameter;
 * - `enable_http_compression=1` with `Accept-Encoding: gzip`: a gzipped answer.
 * Other settings in the URL (query_id, wait_end_of_query, send_progress_in_http_headers...) are
 * accepted and ignored: the connection's settings are fixed (read-only).
 */
export interface ClickHouseHttpRequest {
  query: string;
  params: Record<string, string>;
  format: string;
  database?: string;
  key?: string;
  gzip: boolean;
}

export type Headers = Record<string, string | string[] | undefined>;

const header = (headers: Headers, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

function keyFrom(headers: Headers, url: URLSearchParams): string | undefined {
  const authorization = header(headers, 'authorization')?.trim();
  const bearer = authorization && /^Bearer\s+(\S+)$/i.exec(authorization);
  if (bearer) return bearer[1];
  const basic = authorization && /^Basic\s+(\S+)$/i.exec(authorization);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const password = colon < 0 ? '' : decoded.slice(colon + 1);
    return password || undefined;
  }
  return header(headers, 'x-clickhouse-key')?.trim() || url.get('password') || undefined;
}

/** Fields of a multipart/form-data body (RFC 7578): name -> text value. */
export function parseMultipart(body: string, contentType: string): Map<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  const fields = new Map<string, string>();
  if (!boundary) return fields;
  const delimiter = `--${boundary[1] ?? boundary[2]}`;
  for (const part of body.split(delimiter).slice(1)) {
    if (part.startsWith('--')) break;
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd < 0) continue;
    const name = /name="([^"]*)"/i.exec(part.slice(0, headerEnd));
    if (!name) continue;
    fields.set(name[1], part.slice(headerEnd + 4).replace(/\r\n$/, ''));
  }
  return fields;
}

export function parseClickHouseRequest(input: { url: string; headers: Headers; body?: string }): ClickHouseHttpRequest {
  const url = new URL(input.url, 'http://local').searchParams;
  const contentType = header(input.headers, 'content-type') ?? '';
  const form = contentType.toLowerCase().startsWith('multipart/form-data') && input.body !== undefined ? parseMultipart(input.body, contentType) : undefined;
  const params: Record<string, string> = {};
  const collect = (name: string, value: string) => {
    if (name.startsWith('param_') && name.length > 6) params[name.slice(6)] = value;
  };
  for (const [name, value] of url) collect(name, value);
  form?.forEach((value, name) => collect(name, value));

  const fromUrl = url.get('query') ?? '';
  const fromBody = form ? (form.get('query') ?? '') : (input.body ?? '');
  const query = [fromUrl, fromBody].filter((part) => part.length > 0).join('\n');
  return {
    query,
    params,
    format: url.get('default_format') || header(input.headers, 'x-clickhouse-format') || 'TabSeparated',
    database: url.get('database') || header(input.headers, 'x-clickhouse-database') || undefined,
    key: keyFrom(input.headers, url),
    gzip: url.get('enable_http_compression') === '1' && /\bgzip\b/i.test(header(input.headers, 'accept-encoding') ?? ''),
  };
}
