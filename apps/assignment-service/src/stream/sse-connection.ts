import type { ServerResponse } from 'node:http';
import type { RulesetSnapshot } from '../ruleset/ruleset-snapshot';

/**
 * One SSE client. Every event is a full snapshot, so when the socket is backed up only the
 * newest pending snapshot is kept (sent on 'drain') instead of queueing every version.
 */
export class SseConnection {
  private readonly keepAlive: NodeJS.Timeout;
  private pending: RulesetSnapshot | null = null;
  private closed = false;

  constructor(
    private readonly res: ServerResponse,
    keepAliveMs: number,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the stream.
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    this.keepAlive = setInterval(() => this.write(': keep-alive\n\n'), keepAliveMs);
    res.on('drain', () => {
      const next = this.pending;
      this.pending = null;
      if (next) this.send(next);
    });
  }

  send(snapshot: RulesetSnapshot): void {
    if (this.closed) return;
    if (this.res.writableNeedDrain) {
      this.pending = snapshot;
      return;
    }
    this.write(`id: ${snapshot.version}\nevent: ruleset\ndata: ${snapshot.json}\n\n`);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.keepAlive);
    this.pending = null;
    if (!this.res.writableEnded) this.res.end();
  }

  private write(chunk: string): void {
    if (!this.closed && !this.res.writableEnded) this.res.write(chunk);
  }
}
