import { createHmac } from 'node:crypto';
import { signWebhook, verifyWebhook } from './webhook-signature';

describe('webhook signature', () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" prefixed with sha256=', () => {
    const body = '{"a":1}';
    const expected = createHmac('sha256', 's3cret').update(`1700000000.${body}`).digest('hex');
    expect(signWebhook('s3cret', '1700000000', body)).toBe(`sha256=${expected}`);
  });

  it('verifies only the same secret, timestamp and body', () => {
    const sig = signWebhook('s3cret', '1700000000', 'body');
    expect(verifyWebhook('s3cret', '1700000000', 'body', sig)).toBe(true);
    expect(verifyWebhook('other', '1700000000', 'body', sig)).toBe(false);
    expect(verifyWebhook('s3cret', '1700000001', 'body', sig)).toBe(false);
    expect(verifyWebhook('s3cret', '1700000000', 'body!', sig)).toBe(false);
  });
});
