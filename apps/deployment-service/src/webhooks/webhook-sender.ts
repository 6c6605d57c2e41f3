import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from './webhook-signature';

export const EVENT_ID_HEADER = 'X-XP-Event-Id';

/** What one attempt got: the HTTP status when the receiver answered, an error unless it answered 2xx. */
export interface SendResult {
  status?: number;
  error?: string;
}

/**
 * One signed POST of a webhook body. Signed per attempt (fresh timestamp) so that receivers may reject
 * stale timestamps; the event id header stays the same on every attempt so that they can drop repeats.
 */
export async function sendWebhook(url: string, secret: string, eventId: string, body: string, timeoutMs: number): Promise<SendResult> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: signWebhook(secret, timestamp, body),
        [EVENT_ID_HEADER]: eventId,
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.ok ? { status: res.status } : { status: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message;
    return { error: cause ? `${(err as Error).message}: ${cause}` : (err as Error).message };
  }
}
