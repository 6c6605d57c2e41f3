import { createServer, type Server } from 'node:http';
import { verifyWebhook } from '../webhooks/webhook-signature';

export interface ReceivedWebhook {
  validSignature: boolean;
  answered: number;
  envelope: { id: string; data: Record<string, unknown> };
}

/** A receiver on 127.0.0.1 that checks every signature and answers 500 to its first `failFirst` requests. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server?: Server;
  url = '';

  constructor(
    private readonly secret: string,
    private readonly failFirst: number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const validSignature = verifyWebhook(this.secret, String(req.headers['x-xp-timestamp']), body, String(req.headers['x-xp-signature']));
        const answered = this.received.length < this.failFirst ? 500 : 204;
        this.received.push({ validSignature, answered, envelope: JSON.parse(body) });
        res.statusCode = answered;
        res.end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/hooks`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
