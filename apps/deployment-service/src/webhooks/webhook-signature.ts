import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-XP-Signature';
export const TIMESTAMP_HEADER = 'X-XP-Timestamp';

/** The exact string signed: `<X-XP-Timestamp value>.<raw request body>`. */
export function signedString(timestamp: string, body: string): string {
  return `${timestamp}.${body}`;
}

/** The X-XP-Signature value: `sha256=` + hex HMAC-SHA256 of the signed string with the shared secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(signedString(timestamp, body)).digest('hex')}`;
}

/** What a receiver does (also used by the tests): recompute and compare in constant time. */
export function verifyWebhook(secret: string, timestamp: string, body: string, signature: string): boolean {
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
