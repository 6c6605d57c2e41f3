export interface SseEvent {
  event: string;
  data: string;
  id?: string;
}

/**
 * Incremental parser of the text/event-stream format (WHATWG HTML, "event stream interpretation"):
 * feed it decoded chunks as they arrive, it returns the events completed by each chunk.
 * Comments (`: keep-alive`) are ignored; `retry:` is ignored because the client owns its backoff.
 */
export class SseParser {
  private buffer = '';
  private eventType = '';
  private data: string[] = [];
  private lastId: string | undefined;

  feed(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let start = 0;
    for (;;) {
      const lineEnd = this.findLineEnd(start);
      if (lineEnd === null) break;
      this.processLine(this.buffer.slice(start, lineEnd.index), events);
      start = lineEnd.next;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private findLineEnd(from: number): { index: number; next: number } | null {
    for (let i = from; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c === 10) return { index: i, next: i + 1 };
      if (c === 13) {
        // A lone CR at the end of a chunk may be the first half of CRLF: wait for more input.
        if (i + 1 === this.buffer.length) return null;
        return { index: i, next: this.buffer.charCodeAt(i + 1) === 10 ? i + 2 : i + 1 };
      }
    }
    return null;
  }

  private processLine(line: string, events: SseEvent[]): void {
    if (line === '') {
      if (this.data.length > 0) events.push({ event: this.eventType || 'message', data: this.data.join('\n'), id: this.lastId });
      this.eventType = '';
      this.data = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.eventType = value;
    else if (field === 'data') this.data.push(value);
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
  }
}
