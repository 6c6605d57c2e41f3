import { createServer, type Server } from 'node:http';
import { verifyWebhook } from '../webhooks/webhook-signature';

export interface ReceivedWebhook {
  validSignature: boolean;
  answered: number;
  envelope: { id: string; data: Record<string, unknown> };
  /** The X-XP-Event-Id header. */
  eventId: string;
  timestamp: string;
  signature: string;
  /** The body exactly as received (what the signature covers). */
  rawBody: string;
}

/**
 * A receiver on 127.0.0.1 that checks every signature with `secret` and answers 500 to its first `failFirst`
 * requests, and to every request while `failing` is set.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  failing = false;
  private server?: Server;
  url = '';

  constructor(
    public secret: string,
    private readonly failFirst: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const rawBody = Buffer.concat(chunks).toString('utf8');
        const timestamp = String(req.headers['x-xp-timestamp']);
        const signature = String(req.headers['x-xp-signature']);
        const validSignature = verifyWebhook(this.secret, timestamp, rawBody, signature);
        const answered = this.failing || this.received.length < this.failFirst ? 500 : 204;
        this.received.push({ validSignature, answered, envelope: JSON.parse(rawBody), eventId: String(req.headers['x-xp-event-id']), timestamp, signature, rawBody });
        res.statusCode = answered;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
