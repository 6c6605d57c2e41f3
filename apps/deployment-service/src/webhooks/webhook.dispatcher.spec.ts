import { createServer, type Server } from 'node:http';
import { WebhookDispatcher } from './webhook.dispatcher';

describe('WebhookDispatcher', () => {
  let server: Server;
  let url: string;
  let requests = 0;

  beforeAll(async () => {
    server = createServer((_req, res) => {
      requests++;
      res.statusCode = 503;
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('gives up after the bounded number of attempts and reports each outcome; dispatch itself returns before any attempt', async () => {
    const outcomes: string[] = [];
    const dispatcher = new WebhookDispatcher({
      urls: [url],
      secret: 's',
      backoff: { initialMs: 1, maxMs: 5 },
      maxAttempts: 3,
      timeoutMs: 1000,
      onOutcome: (outcome) => outcomes.push(outcome),
    });
    dispatcher.dispatch({ id: 'e1' });
    expect(requests).toBe(0);
    await dispatcher.idle();
    expect(requests).toBe(3);
    expect(outcomes).toEqual(['retry', 'retry', 'failed']);
  });
});
