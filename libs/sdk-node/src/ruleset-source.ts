import { rulesetSnapshotSchema, type RulesetSnapshotBody } from '@xp/contracts';
import { backoffDelay, type BackoffOptions } from '@xp/contracts';
import { Clock, TimerHandle } from './clock';
import { HttpTransport, httpError } from './http-transport';
import { XpLogger } from './logger';
import { XpSdkError } from './sdk-error';
import { SseParser } from './sse-parser';

export interface RulesetSourceOptions {
  transport: HttpTransport;
  clock: Clock;
  logger: XpLogger;
  random?: () => number;
  /** Follow `/v1/ruleset/stream`; false = polling only. */
  stream: boolean;
  /** `?environment=` on both requests (unset: the key's environment, else production). */
  environment?: string;
  /** Polling period while the stream is down (or always, without a stream). */
  pollIntervalMs: number;
  reconnectBackoff: BackoffOptions;
  /** No byte for this long (the server sends a keep-alive every 15 s) = a dead connection. */
  streamIdleTimeoutMs: number;
  onSnapshot: (snapshot: RulesetSnapshotBody) => void;
}

export type StreamState = 'connecting' | 'open' | 'down' | 'closed';

/**
 * Keeps the newest ruleset snapshot coming: one GET at start, then the SSE stream; while the stream
 * is down it reconnects with backoff and polls `GET /v1/ruleset` (If-None-Match) in the meantime.
 */
export class RulesetSource {
  /** Newest version seen on either path; sent as If-None-Match (the contract's ETag is `"<version>"`). */
  private latestVersion: number | null = null;
  private streamAbort: AbortController | null = null;
  private reconnectTimer: TimerHandle | null = null;
  private pollTimer: TimerHandle | null = null;
  private attempt = 0;
  private closed = false;
  state: StreamState = 'connecting';

  constructor(private readonly options: RulesetSourceOptions) {}

  private query(): string {
    const { environment } = this.options;
    return environment === undefined ? '' : `?environment=${encodeURIComponent(environment)}`;
  }

  start(): void {
    void this.poll();
    if (this.options.stream) this.connect();
    else this.startPolling();
  }

  close(): void {
    this.closed = true;
    this.state = 'closed';
    this.streamAbort?.abort();
    this.clearTimer('reconnectTimer');
    this.clearTimer('pollTimer');
  }

  /** One `GET /v1/ruleset`; true when a new snapshot was applied. Errors are logged, never thrown. */
  async poll(): Promise<boolean> {
    try {
      const headers: Record<string, string> = this.latestVersion === null ? {} : { 'if-none-match': `"${this.latestVersion}"` };
      const res = await this.options.transport.request(`/v1/ruleset${this.query()}`, { headers });
      if (res.status === 304) return false;
      const text = await res.text();
      if (!res.ok) throw httpError('GET', '/v1/ruleset', res.status, text);
      this.deliver(parseSnapshot(text));
      return true;
    } catch (error) {
      if (!this.closed) this.options.logger.warn('loading the ruleset failed', { error: (error as Error).message });
      return false;
    }
  }

  private deliver(snapshot: RulesetSnapshotBody): void {
    if (this.latestVersion === null || snapshot.version > this.latestVersion) this.latestVersion = snapshot.version;
    this.options.onSnapshot(snapshot);
  }

  private connect(): void {
    if (this.closed) return;
    this.state = 'connecting';
    const abort = new AbortController();
    this.streamAbort = abort;
    void this.readStream(abort).then(
      () => this.onStreamEnd(abort, new Error('stream ended')),
      (error: unknown) => this.onStreamEnd(abort, error),
    );
  }

  private async readStream(abort: AbortController): Promise<void> {
    const res = await this.options.transport.request(`/v1/ruleset/stream${this.query()}`, { headers: { accept: 'text/event-stream' }, signal: abort.signal });
    if (!res.ok || !res.body) throw httpError('GET', '/v1/ruleset/stream', res.status, await res.text().catch(() => ''));
    const parser = new SseParser();
    const decoder = new TextDecoder();
    const reader = res.body.getReader();
    let idle = this.armIdleTimer(abort);
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.options.clock.clearTimeout(idle);
        idle = this.armIdleTimer(abort);
        for (const event of parser.feed(decoder.decode(value, { stream: true }))) {
          if (event.event !== 'ruleset') continue;
          this.deliver(parseSnapshot(event.data));
          this.onStreamOpen();
        }
      }
    } finally {
      this.options.clock.clearTimeout(idle);
      reader.releaseLock();
    }
  }

  private armIdleTimer(abort: AbortController): TimerHandle {
    return this.options.clock.setTimeout(() => abort.abort(new XpSdkError('network_error', 'stream idle', true)), this.options.streamIdleTimeoutMs);
  }

  private onStreamOpen(): void {
    if (this.state === 'open') return;
    this.state = 'open';
    this.attempt = 0;
    this.clearTimer('pollTimer');
    this.options.logger.debug('ruleset stream open');
  }

  private onStreamEnd(abort: AbortController, error: unknown): void {
    abort.abort();
    if (this.closed || this.streamAbort !== abort) return;
    this.state = 'down';
    const delay = backoffDelay(++this.attempt, this.options.reconnectBackoff, this.options.random);
    this.options.logger.warn('ruleset stream down, reconnecting', { error: describe(error), delayMs: delay });
    this.startPolling();
    this.clearTimer('reconnectTimer');
    this.reconnectTimer = this.options.clock.setTimeout(() => {
      this.reconnectTimer = null;
      this.connect();
    }, delay);
  }

  private startPolling(): void {
    if (this.pollTimer !== null || this.closed) return;
    this.pollTimer = this.options.clock.setTimeout(() => {
      this.pollTimer = null;
      void this.poll().finally(() => {
        if (this.state !== 'open') this.startPolling();
      });
    }, this.options.pollIntervalMs);
  }

  private clearTimer(which: 'reconnectTimer' | 'pollTimer'): void {
    const handle = this[which];
    if (handle !== null) this.options.clock.clearTimeout(handle);
    this[which] = null;
  }
}

function parseSnapshot(text: string): RulesetSnapshotBody {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new XpSdkError('invalid_response', 'ruleset snapshot is not JSON', false);
  }
  const parsed = rulesetSnapshotSchema.safeParse(json);
  if (!parsed.success) throw new XpSdkError('invalid_response', `invalid ruleset snapshot: ${parsed.error.issues[0]?.message}`, false);
  return parsed.data;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
