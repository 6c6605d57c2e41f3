import { RulesetInput } from '@xp/contracts';
import { FetchLike } from '../http-transport';

export interface RecordedRequest {
  method: string;
  path: string;
  /** `?environment=...` or empty. */
  query: string;
  headers: Headers;
  body: unknown;
}

/**
 * In-memory stand-in for assignment-service's SDK endpoints, speaking the documented contract,
 * for unit tests of the client logic (integration tests use the real service).
 */
export class FakeAssignmentServer {
  readonly requests: RecordedRequest[] = [];
  /** Status answered by POST endpoints (a function to vary it per call). */
  postStatus: (path: string) => number = () => 202;
  /** When set, the whole answer of POST endpoints (status and body), e.g. a 207 listing rejected items. */
  postReply: ((path: string, body: unknown) => { status: number; body: unknown }) | null = null;
  /** When false, stream requests answer 503. */
  streamUp = true;
  /** When false, every request fails at the network level. */
  networkUp = true;
  private snapshot: { version: number; ruleset: RulesetInput };
  private readonly streams = new Set<ReadableStreamDefaultController<Uint8Array>>();
  private readonly encoder = new TextEncoder();

  constructor(version: number, ruleset: RulesetInput) {
    this.snapshot = { version, ruleset };
  }

  get openStreams(): number {
    return this.streams.size;
  }

  publish(version: number, ruleset: RulesetInput): void {
    this.snapshot = { version, ruleset };
    for (const c of this.streams) c.enqueue(this.encoder.encode(`event: ruleset\ndata: ${JSON.stringify(this.snapshot)}\n\n`));
  }

  /** Ends every open stream as a server restart would. */
  dropStreams(): void {
    for (const c of this.streams) c.close();
    this.streams.clear();
  }

  requestsTo(method: string, path: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path === path);
  }

  readonly fetch: FetchLike = async (input, init = {}) => {
    const url = new URL(input);
    const method = init.method ?? 'GET';
    const headers = new Headers(init.headers);
    this.requests.push({ method, path: url.pathname, query: url.search, headers, body: init.body ? JSON.parse(String(init.body)) : undefined });
    if (!this.networkUp) throw new TypeError('fetch failed');
    if (headers.get('authorization') !== 'Bearer sdk-key') return json(401, { error: { code: 'unauthorized' } });
    if (method === 'GET' && url.pathname === '/v1/ruleset') {
      const etag = `"${this.snapshot.version}"`;
      if (headers.get('if-none-match') === etag) return new Response(null, { status: 304 });
      return json(200, this.snapshot, { etag });
    }
    if (method === 'GET' && url.pathname === '/v1/ruleset/stream') return this.openStream(init.signal);
    if (method === 'POST') {
      const reply = this.postReply?.(url.pathname, this.requests[this.requests.length - 1].body);
      return reply ? json(reply.status, reply.body) : json(this.postStatus(url.pathname), {});
    }
    return json(404, {});
  };

  private openStream(signal: AbortSignal | null | undefined): Response {
    if (!this.streamUp) return json(503, { error: { code: 'unavailable' } });
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
        c.enqueue(this.encoder.encode(`event: ruleset\ndata: ${JSON.stringify(this.snapshot)}\n\n`));
      },
      cancel: () => void this.streams.delete(controller),
    });
    this.streams.add(controller);
    signal?.addEventListener('abort', () => {
      if (!this.streams.delete(controller)) return;
      controller.error(new DOMException('aborted', 'AbortError'));
    });
    return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
  }
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}
