import { makeEnvelope } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, readTopic, waitFor } from '@xp/kafka/testing';
import { freePort } from '@xp/platform/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { createHmac, randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { decision } from '../testing/deployment-harness';
import { DeploymentProcess } from '../testing/deployment-process';
import { WebhookReceiver } from '../testing/webhook-receiver';

/** The documented signed content, recomputed here with the test's own HMAC (not the service's helper). */
const expectedSignature = (secret: string, timestamp: string, rawBody: string) => `sha256=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;

describe('webhook outbox across a SIGKILL (deployment-service in its own process, real Kafka and PostgreSQL)', () => {
  let db: TestDatabase;
  let receiver: WebhookReceiver;
  const kafka = kafkaForTests('deployment-webhook-crash-test');
  const producer = new ContractProducer(kafka);

  const query = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const call = async (url: string, method: string, path: string, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: 'Bearer dev-admin-key', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    db = await createTestDatabase('xp_dep_wh_crash');
    receiver = new WebhookReceiver('', 0);
    await receiver.start();
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await receiver?.stop();
    await db?.drop();
  });

  it('delivers an action recorded before a SIGKILL after the restart, with the same event id and a signature the receiver verifies', async () => {
    const prefix = `whcrash-${randomBytes(4).toString('hex')}.`;
    const key = `crash-${randomBytes(3).toString('hex')}`;
    // No config-service: a HOLD needs no command, so the action is performed (event published) without it.
    const dep = new DeploymentProcess(await freePort(), { DATABASE_URL: db.url, CONFIG_SERVICE_URL: `http://127.0.0.1:${await freePort()}`, KAFKA_TOPIC_PREFIX: prefix });
    const up = (what: string, ready: (status: number) => boolean) =>
      waitFor(
        what,
        async () => {
          if (dep.exited) throw new Error(`deployment-service exited: ${dep.output}`);
          const status = await fetch(`${dep.url}/health/ready`).then((r) => r.status, () => 0);
          return ready(status);
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );
    try {
      dep.spawn();
      await up('deployment-service ready (consumer joined)', (status) => status === 200);
      const created = await call(dep.url, 'POST', '/v1/webhooks', { url: receiver.url, events: ['HOLD'] });
      expect(created.status).toBe(201);
      const { id, secret } = created.body as { id: string; secret: string };
      receiver.secret = secret;

      // The receiver refuses: the action is recorded and performed, its delivery is owed.
      receiver.failing = true;
      await producer.send(`${prefix}xp.decisions`, 'rollout.decision', [{ key, envelope: makeEnvelope('rollout.decision', decision(key, 'HOLD', 0)) }]);
      await waitFor('a refused attempt recorded', async () => {
        const [row] = await query<{ attempts: number; last_status: number | null }>('select attempts, last_status from webhook_outbox where subscription_id = $1', [id]);
        return row?.last_status === 500;
      });
      await dep.kill('SIGKILL');

      const [action] = await query<{ status: string; event: { id: string } }>('select status, event from pending_actions where experiment_key = $1', [key]);
      expect(action.status).toBe('done');
      const eventId = action.event.id;
      const [owed] = await query<{ event_id: string; status: string; delivered_at: Date | null }>('select event_id, status, delivered_at from webhook_outbox where subscription_id = $1', [id]);
      expect(owed).toEqual({ event_id: eventId, status: 'pending', delivered_at: null });
      const beforeCrash = receiver.received.length;
      expect(beforeCrash).toBeGreaterThan(0);
      expect(receiver.received.every((w) => w.answered === 500)).toBe(true);

      // The same event on xp.deployments carries that id.
      const [published] = await readTopic(kafka, `${prefix}xp.deployments`, { count: 1, timeoutMs: 10_000 });
      expect((JSON.parse(published.value ?? '{}') as { id: string }).id).toBe(eventId);

      receiver.failing = false;
      dep.spawn();
      await waitFor(
        'the owed delivery after the restart',
        () => {
          if (dep.exited) throw new Error(`deployment-service exited: ${dep.output}`);
          return receiver.received.some((w) => w.answered === 204);
        },
        { timeoutMs: 120_000, intervalMs: 100 },
      );

      const delivered = receiver.received.filter((w) => w.answered === 204);
      expect(delivered).toHaveLength(1);
      // Every attempt, before and after the crash: the same event id (header and body) and a valid signature.
      for (const w of receiver.received) {
        expect(w.eventId).toBe(eventId);
        expect(w.envelope.id).toBe(eventId);
        expect(w.envelope.data).toMatchObject({ experimentKey: key, action: 'HOLD' });
        expect(w.signature).toBe(expectedSignature(secret, w.timestamp, w.rawBody));
      }
      expect(new Set(receiver.received.map((w) => w.rawBody)).size).toBe(1);

      await up('deployment-service answering again', (status) => status > 0);
      await waitFor('delivery recorded', async () => ((await call(dep.url, 'GET', `/v1/webhooks/${id}`)).body.deliveries as { delivered: number }).delivered === 1);
      const log = (await call(dep.url, 'GET', `/v1/webhooks/${id}/deliveries`)).body.items as Array<{ eventId: string; attempt: number; outcome: string; status: number }>;
      expect(log[0]).toMatchObject({ eventId, outcome: 'delivered', status: 204 });
      // Attempts are counted when claimed: one cut short by the kill may have sent nothing.
      expect(log[0].attempt).toBeGreaterThanOrEqual(receiver.received.length);
      expect(log.slice(1).every((d) => d.eventId === eventId && d.outcome === 'retry' && d.status === 500)).toBe(true);
    } finally {
      await dep.kill('SIGTERM');
    }
  });
});
