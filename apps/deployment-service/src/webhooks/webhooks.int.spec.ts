import { waitFor } from '@xp/kafka/testing';
import { freePort } from '@xp/platform/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { decision, DeploymentHarness } from '../testing/deployment-harness';
import { WebhookReceiver } from '../testing/webhook-receiver';

const BOOTSTRAP_SECRET = 'bootstrap-webhook-secret';
const uniqueKey = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex')}`;

/** What a receiver does with its own HMAC: `sha256=` + hex HMAC-SHA256 of "<X-XP-Timestamp>.<raw body>". */
const expectedSignature = (secret: string, timestamp: string, rawBody: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

describe('webhooks API and outbox delivery (real Kafka and PostgreSQL)', () => {
  let db: TestDatabase;
  let dep: DeploymentHarness;
  let bootstrapReceiver: WebhookReceiver;
  let holds: WebhookReceiver;
  let refusing: WebhookReceiver;
  let promotes: WebhookReceiver;

  const get = (path: string) => dep.http('GET', path, 'dev-reader-key');
  const create = async (body: Record<string, unknown>) => {
    const res = await dep.http('POST', '/v1/webhooks', 'dev-admin-key', body);
    expect(res.status).toBe(201);
    return res.body as { id: string; secret: string };
  };

  beforeAll(async () => {
    db = await createTestDatabase('xp_dep_webhooks');
    bootstrapReceiver = new WebhookReceiver(BOOTSTRAP_SECRET, 0);
    holds = new WebhookReceiver('', 1);
    refusing = new WebhookReceiver('', 0);
    refusing.failing = true;
    promotes = new WebhookReceiver('', 0);
    await Promise.all([bootstrapReceiver, holds, refusing, promotes].map((r) => r.start()));
    // No config-service: HOLD decisions need none (the deployment record gets placeholders).
    dep = new DeploymentHarness(db.url, `http://127.0.0.1:${await freePort()}`, { WEBHOOK_URLS: bootstrapReceiver.url, WEBHOOK_SECRET: BOOTSTRAP_SECRET }, { webhookMaxAttempts: 3 });
    await dep.start();
    await dep.connectProducer();
  });

  afterAll(async () => {
    await dep?.disconnectProducer().catch(() => undefined);
    await dep?.stop();
    await Promise.all([bootstrapReceiver, holds, refusing, promotes].map((r) => r?.stop()));
    await db?.drop();
  });

  it('creates (secret shown once), lists and gets without the secret, patches, rotates, deletes; 400 with field paths, 404 for unknown ids', async () => {
    const created = await dep.http('POST', '/v1/webhooks', 'dev-admin-key', { url: 'https://hooks.example.com/xp?token=abc', events: ['HOLD', 'ROLLBACK'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ url: 'https://hooks.example.com/xp?token=abc', events: ['HOLD', 'ROLLBACK'], enabled: true, origin: 'api' });
    const { id, secret } = created.body as { id: string; secret: string };
    expect(secret).toMatch(/^whsec_[0-9a-f]{64}$/);

    const listed = await get('/v1/webhooks');
    expect(listed.status).toBe(200);
    expect((listed.body.items as Array<{ id: string }>).map((w) => w.id)).toContain(id);
    const one = await get(`/v1/webhooks/${id}`);
    expect(one.body).toMatchObject({ id, events: ['HOLD', 'ROLLBACK'], deliveries: { pending: 0, delivered: 0, failed: 0 } });
    expect(one.body).not.toHaveProperty('lastDelivery');
    for (const body of [listed.body, one.body]) {
      expect(JSON.stringify(body)).not.toContain(secret);
      expect(JSON.stringify(body)).not.toContain('"secret"');
    }

    const patched = await dep.http('PATCH', `/v1/webhooks/${id}`, 'dev-admin-key', { enabled: false, events: ['*'] });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ id, enabled: false, events: ['*'], url: 'https://hooks.example.com/xp?token=abc' });
    expect((await get(`/v1/webhooks/${id}`)).body).toMatchObject({ enabled: false, events: ['*'] });

    const rotated = await dep.http('POST', `/v1/webhooks/${id}/rotate-secret`, 'dev-admin-key');
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(secret);
    const afterRotation = await get(`/v1/webhooks/${id}`);
    expect(afterRotation.body.secretRotatedAt).toEqual(expect.any(String));
    expect(JSON.stringify(afterRotation.body)).not.toContain(String(rotated.body.secret));
    expect(await get(`/v1/webhooks/${id}/deliveries`)).toEqual({ status: 200, body: { items: [] } });

    // Bad input: 400 with the paths of what was wrong.
    const bad: Array<[string, string, unknown, string[]]> = [
      ['POST', '/v1/webhooks', { url: 'ftp://hooks.example.com/x' }, ['url']],
      ['POST', '/v1/webhooks', { url: 'not a url' }, ['url']],
      ['POST', '/v1/webhooks', { url: 'https://a.example.com', events: ['HOLD', 'NOPE'] }, ['events.1']],
      ['POST', '/v1/webhooks', { url: 'https://a.example.com', events: [] }, ['events']],
      ['POST', '/v1/webhooks', { url: 'https://a.example.com', secret: 'short' }, ['secret']],
      ['POST', '/v1/webhooks', { url: 'https://a.example.com', enabled: 'yes' }, ['enabled']],
      ['POST', '/v1/webhooks', { url: 'https://a.example.com', id: 'mine' }, ['']],
      ['POST', '/v1/webhooks', undefined, ['url']],
      ['PATCH', `/v1/webhooks/${id}`, {}, ['']],
      ['PATCH', `/v1/webhooks/${id}`, { url: 'javascript:alert(1)' }, ['url']],
      ['PATCH', `/v1/webhooks/${id}`, { secret: 'a-new-secret-of-mine' }, ['', '']], // unrecognized key, and nothing to change
      ['GET', `/v1/webhooks/${id}/deliveries?limit=0`, undefined, ['limit']],
    ];
    for (const [method, path, body, paths] of bad) {
      const res = await dep.http(method, path, 'dev-admin-key', body);
      expect({ method, path, body, status: res.status, code: (res.body.error as { code: string }).code }).toEqual({ method, path, body, status: 400, code: 'validation_failed' });
      const issues = (res.body.error as { details: { issues: Array<{ path: string }> } }).details.issues;
      expect({ method, path, body, paths: issues.map((i) => i.path) }).toEqual({ method, path, body, paths });
    }

    // Unknown (or malformed) ids: 404.
    for (const missing of [randomUUID(), 'not-a-uuid']) {
      for (const [method, path, body] of [
        ['GET', `/v1/webhooks/${missing}`, undefined],
        ['GET', `/v1/webhooks/${missing}/deliveries`, undefined],
        ['PATCH', `/v1/webhooks/${missing}`, { enabled: true }],
        ['POST', `/v1/webhooks/${missing}/rotate-secret`, undefined],
        ['DELETE', `/v1/webhooks/${missing}`, undefined],
      ] as const) {
        const res = await dep.http(method, path, 'dev-admin-key', body);
        expect({ method, path, status: res.status, error: res.body.error }).toMatchObject({ method, path, status: 404, error: { code: 'webhook_not_found' } });
      }
    }

    // Writes need the admin role; reads the reader role.
    expect((await dep.http('POST', '/v1/webhooks', 'dev-reader-key', { url: 'https://a.example.com' })).status).toBe(403);
    expect((await dep.http('POST', `/v1/webhooks/${id}/rotate-secret`, 'dev-reader-key')).status).toBe(403);

    const deleted = await fetch(`${dep.url}/v1/webhooks/${id}`, { method: 'DELETE', headers: { authorization: 'Bearer dev-admin-key' } });
    expect(deleted.status).toBe(204);
    expect((await get(`/v1/webhooks/${id}`)).status).toBe(404);
  });

  it('turns WEBHOOK_URLS into one subscription, also across restarts', async () => {
    await dep.stop();
    await dep.start();
    const items = (await get('/v1/webhooks')).body.items as Array<{ url: string; origin: string; events: string[] }>;
    expect(items.filter((w) => w.url === bootstrapReceiver.url)).toEqual([expect.objectContaining({ origin: 'env', events: ['*'], enabled: true })]);
  });

  it('delivers an action to the subscriptions whose filter takes it, signed with each one\'s own secret, the same event id on every attempt; logs attempts; gives up after the configured attempts', async () => {
    const holdHook = await create({ url: holds.url, events: ['HOLD'] });
    holds.secret = holdHook.secret;
    const refusingHook = await create({ url: refusing.url, events: ['*'], secret: 'refusing-receiver-secret' });
    refusing.secret = refusingHook.secret;
    const promoteHook = await create({ url: promotes.url, events: ['PROMOTE'] });
    const disabled = await create({ url: promotes.url, events: ['*'], enabled: false });

    const key = uniqueKey('hook');
    await dep.produce(decision(key, 'HOLD', 0));
    const [event] = (await dep.deploymentEvents(1000, 3000)).filter((e) => e.experimentKey === key);
    expect(event).toMatchObject({ action: 'HOLD' });

    // First attempt refused (500), the retry delivered: two requests, one event id, both signed with this subscription's secret.
    await waitFor('HOLD delivered to its subscription', () => holds.received.some((w) => w.answered === 204 && w.envelope.data.experimentKey === key));
    const mine = holds.received.filter((w) => w.envelope.data.experimentKey === key);
    expect(mine.map((w) => w.answered)).toEqual([500, 204]);
    const eventId = mine[0].envelope.id;
    for (const w of mine) {
      expect(w.eventId).toBe(eventId);
      expect(w.envelope.id).toBe(eventId);
      expect(w.signature).toBe(expectedSignature(holdHook.secret, w.timestamp, w.rawBody));
    }
    expect(mine[1].rawBody).toBe(mine[0].rawBody);

    await waitFor('HOLD delivery recorded', async () => ((await get(`/v1/webhooks/${holdHook.id}`)).body.deliveries as { delivered?: number } | undefined)?.delivered === 1);
    expect((await get(`/v1/webhooks/${holdHook.id}`)).body).toMatchObject({
      deliveries: { pending: 0, delivered: 1, failed: 0 },
      lastDelivery: { eventId, eventType: 'HOLD', attempt: 2, outcome: 'delivered', status: 204 },
    });
    expect((await get(`/v1/webhooks/${holdHook.id}/deliveries`)).body.items).toEqual([
      { eventId, eventType: 'HOLD', attempt: 2, outcome: 'delivered', status: 204, at: expect.any(String) },
      { eventId, eventType: 'HOLD', attempt: 1, outcome: 'retry', status: 500, error: 'HTTP 500', at: expect.any(String) },
    ]);

    // Always refused: three attempts (webhookMaxAttempts here), then failed and still visible.
    await waitFor('refused delivery given up', async () => ((await get(`/v1/webhooks/${refusingHook.id}`)).body.deliveries as { failed?: number } | undefined)?.failed === 1);
    const refused = refusing.received.filter((w) => w.envelope.data.experimentKey === key);
    expect(refused.map((w) => [w.eventId, w.validSignature])).toEqual([
      [eventId, true],
      [eventId, true],
      [eventId, true],
    ]);
    expect((await get(`/v1/webhooks/${refusingHook.id}`)).body).toMatchObject({
      deliveries: { pending: 0, delivered: 0, failed: 1 },
      lastDelivery: { eventId, attempt: 3, outcome: 'failed', status: 500, error: 'HTTP 500' },
    });
    expect(((await get(`/v1/webhooks/${refusingHook.id}/deliveries`)).body.items as Array<{ outcome: string }>).map((d) => d.outcome)).toEqual(['failed', 'retry', 'retry']);

    // The env subscription (all events) got it too; a PROMOTE-only and a disabled subscription did not.
    await waitFor('bootstrap subscription delivered', () => bootstrapReceiver.received.some((w) => w.eventId === eventId && w.validSignature && w.answered === 204));
    expect(promotes.received).toEqual([]);
    for (const id of [promoteHook.id, disabled.id]) expect((await get(`/v1/webhooks/${id}`)).body).toMatchObject({ deliveries: { pending: 0, delivered: 0, failed: 0 } });
  });
});
