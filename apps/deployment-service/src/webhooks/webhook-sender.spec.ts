import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { sendWebhook } from './webhook-sender';
import { verifyWebhook } from './webhook-signature';

describe('sendWebhook', () => {
  let server: Server;
  let url: string;
  let answer = 204;
  const seen: Array<{ headers: IncomingHttpHeaders; body: string }> = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = answer;
        res.end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('POSTs the body signed with the given secret and the event id header; a 2xx is no error', async () => {
    expect(await sendWebhook(url, 's3cret', 'e1', '{"id":"e1"}', 1000)).toEqual({ status: 204 });
    const { headers, body } = seen[seen.length - 1];
    expect(body).toBe('{"id":"e1"}');
    expect(headers['x-xp-event-id']).toBe('e1');
    expect(verifyWebhook('s3cret', String(headers['x-xp-timestamp']), body, String(headers['x-xp-signature']))).toBe(true);
  });

  it('reports a non-2xx answer and an unreachable receiver as errors', async () => {
    answer = 503;
    expect(await sendWebhook(url, 's', 'e2', '{}', 1000)).toEqual({ status: 503, error: 'HTTP 503' });
    const refused = await sendWebhook('http://127.0.0.1:1/', 's', 'e3', '{}', 1000);
    expect(refused.status).toBeUndefined();
    expect(refused.error).toMatch(/fetch failed/);
  });
});
