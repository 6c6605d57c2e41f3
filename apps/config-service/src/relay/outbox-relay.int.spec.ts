import { ContractProducer, ensureTopics } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { closePostgres, openPostgres } from '@xp/postgres';
import { createTestDatabase, type TestDatabase } from '@xp/postgres/testing';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { AddEventComment1733000000000 } from '../migrations/add-event-comment-1733000000000';
import { CreateEventStore1732400000000 } from '../migrations/create-event-store-1732400000000';
import { CreateRelayNotifyTrigger1732600000000 } from './create-relay-notify-trigger-1732600000000';
import { OutboxRelay, type OutboxRelayDeps, type PublishConfigEvents } from './outbox-relay';
import { defaultRelaySettings } from './relay-settings';

interface PublishedEvent {
  id: string;
  key: string | null;
  occurredAt: string;
  data: { streamId: string; version: number; position: number; eventType: string; actor?: string };
}

const quietLogger = { log: () => undefined, warn: () => undefined, error: () => undefined };

describe('OutboxRelay (real PostgreSQL and Kafka)', () => {
  const kafka: Kafka = kafkaForTests('relay-tests');
  const producer = new ContractProducer(kafka);
  const realPublish: PublishConfigEvents = async (topic, records) => {
    await producer.send(topic, 'config.event', records);
  };
  let db: TestDatabase;
  let postgres: DataSource;
  let topic: string;
  const relays: OutboxRelay[] = [];

  beforeAll(async () => {
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
  });

  beforeEach(async () => {
    db = await createTestDatabase('xp_relay_test');
    postgres = await openPostgres({ url: db.url, migrations: [CreateEventStore1732400000000, CreateRelayNotifyTrigger1732600000000, AddEventComment1733000000000] });
    topic = uniqueTopic('config-events');
  });

  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await closePostgres(postgres);
    await db.drop();
  });

  function relay(overrides: Partial<OutboxRelayDeps> = {}): OutboxRelay {
    const created = new OutboxRelay({
      databaseUrl: db.url,
      publish: realPublish,
      settings: { ...defaultRelaySettings, topic, pollIntervalMs: 100, lockRetryMs: 100, barrierTimeoutMs: 300 },
      prepare: () => ensureTopics(kafka, [{ name: topic, partitions: 1 }], { withDeadLetters: false }).then(() => undefined),
      logger: quietLogger,
      ...overrides,
    });
    relays.push(created);
    created.start();
    return created;
  }

  async function append(streamId: string, version: number, eventType = 'FlagUpdated', client?: Client): Promise<number> {
    const sql = `insert into events (stream_id, stream_type, version, event_type, payload, actor)
                 values ($1, $2, $3, $4, $5, 'admin-1') returning position`;
    const params = [streamId, streamId.split(':')[0], version, eventType, JSON.stringify({ state: { version } })];
    const rows = client ? (await client.query(sql, params)).rows : await postgres.query(sql, params);
    return Number(rows[0].position);
  }

  const checkpoint = async (): Promise<number> => {
    const rows = await postgres.query(`select position from relay_checkpoint where name = $1`, [defaultRelaySettings.checkpointName]);
    return rows.length === 0 ? 0 : Number(rows[0].position);
  };

  const waitForCheckpoint = (position: number) => waitFor(`checkpoint ${position}`, async () => (await checkpoint()) === position);

  /** Every record on the topic (its end offset says how many there are, repeats included). */
  async function published(): Promise<PublishedEvent[]> {
    const admin = kafka.admin();
    await admin.connect();
    const [{ high }] = await admin.fetchTopicOffsets(topic).finally(() => admin.disconnect());
    const records = await readTopic(kafka, topic, { count: Number(high) });
    expect(records).toHaveLength(Number(high));
    return records.map((r) => ({ key: r.key, ...(JSON.parse(r.value ?? '{}') as Omit<PublishedEvent, 'key'>) }));
  }

  /** What a consumer that drops repeats on (streamId, version) applies. */
  function dropRepeats(events: PublishedEvent[]): PublishedEvent[] {
    const seen = new Set<string>();
    return events.filter((e) => {
      const id = `${e.data.streamId}@${e.data.version}`;
      if (seen.has(id)) return false;
      seen.add(id);
      return true;
    });
  }

  const summary = (events: PublishedEvent[]) => events.map((e) => `${e.key} v${e.data.version} p${e.data.position}`);

  it('publishes committed events in position order, keyed by stream, with their stream versions', async () => {
    await append('flag:a', 1, 'FlagCreated');
    await append('flag:b', 1, 'FlagCreated');
    await append('flag:a', 2);
    await append('experiment:x', 1, 'ExperimentCreated');
    const lags: number[] = [];
    relay({ onLag: (n) => lags.push(n) });
    await waitForCheckpoint(4);

    const events = await published();
    expect(summary(events)).toEqual(['flag:a v1 p1', 'flag:b v1 p2', 'flag:a v2 p3', 'experiment:x v1 p4']);
    expect(events.map((e) => e.data.eventType)).toEqual(['FlagCreated', 'FlagCreated', 'FlagUpdated', 'ExperimentCreated']);
    expect(events[0].data.actor).toBe('admin-1');
    const [{ occurred_at }] = await postgres.query('select occurred_at from events where position = 1');
    expect(events[0].occurredAt).toBe((occurred_at as Date).toISOString());
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
    expect(lags.at(-1)).toBe(0);
  });

  it('publishes an event committed while the relay could not publish, once restarted', async () => {
    let attempts = 0;
    const crashed = relay({
      publish: async () => {
        attempts += 1;
        throw new Error('relay killed before publishing');
      },
    });
    await append('flag:a', 1, 'FlagCreated');
    await waitFor('a failed publish attempt', () => attempts > 0);
    await crashed.stop();
    expect(await checkpoint()).toBe(0);

    relay();
    await waitForCheckpoint(1);
    expect(summary(await published())).toEqual(['flag:a v1 p1']);
  });

  it('republishes after a crash between send and checkpoint, and a repeat-dropping consumer sees each event once', async () => {
    await append('flag:a', 1, 'FlagCreated');
    await append('flag:a', 2);
    await append('segment:s', 1, 'SegmentCreated');
    let sends = 0;
    const crashed: OutboxRelay = relay({
      publish: async (t, records) => {
        await realPublish(t, records);
        sends += 1;
        void crashed.stop();
        throw new Error('relay killed after sending, before the checkpoint');
      },
    });
    await waitFor('the send before the crash', () => sends === 1);
    await crashed.stop();
    expect(await checkpoint()).toBe(0);
    await append('flag:a', 3);

    relay();
    await waitForCheckpoint(4);
    const events = await published();
    expect(events).toHaveLength(7);
    expect(summary(dropRepeats(events))).toEqual(['flag:a v1 p1', 'flag:a v2 p2', 'segment:s v1 p3', 'flag:a v3 p4']);
    // The repeats carry the same envelope ids as the originals.
    expect(new Set(events.map((e) => e.id)).size).toBe(4);
  });

  it('resumes from its checkpoint: a restart publishes only what is new', async () => {
    await append('flag:a', 1, 'FlagCreated');
    await append('flag:a', 2);
    const first = relay();
    await waitForCheckpoint(2);
    await first.stop();
    await append('flag:a', 3);
    await append('flag:b', 1, 'FlagCreated');

    relay();
    await waitForCheckpoint(4);
    expect(summary(await published())).toEqual(['flag:a v1 p1', 'flag:a v2 p2', 'flag:a v3 p3', 'flag:b v1 p4']);
  });

  it('does not skip an event whose lower position commits after a higher one', async () => {
    const slow = new Client({ connectionString: db.url });
    await slow.connect();
    try {
      await slow.query('begin');
      const slowPosition = await append('flag:slow', 1, 'FlagCreated', slow);
      const fastPosition = await append('flag:fast', 1, 'FlagCreated');
      expect(fastPosition).toBeGreaterThan(slowPosition);
      const warnings: string[] = [];
      relay({ logger: { ...quietLogger, warn: (m: string) => warnings.push(m) } });
      await waitFor('the relay to wait on the open append', () => warnings.some((w) => /lock timeout/.test(w)));
      expect(await checkpoint()).toBe(0);

      await slow.query('commit');
      await waitForCheckpoint(fastPosition);
      expect(summary(await published())).toEqual([`flag:slow v1 p${slowPosition}`, `flag:fast v1 p${fastPosition}`]);
    } finally {
      await slow.end();
    }
  });

  it('passes the hole a rolled-back append leaves', async () => {
    const aborted = new Client({ connectionString: db.url });
    await aborted.connect();
    try {
      await aborted.query('begin');
      await append('flag:gone', 1, 'FlagCreated', aborted);
      await aborted.query('rollback');
    } finally {
      await aborted.end();
    }
    const position = await append('flag:kept', 1, 'FlagCreated');
    relay();
    await waitForCheckpoint(position);
    expect(summary(await published())).toEqual([`flag:kept v1 p${position}`]);
  });

  it('lets only one relay publish; a standby takes over when the active one stops', async () => {
    const active = relay();
    await waitFor('the first relay to hold the lock', () => active.isActive);
    const standby = relay();
    await append('flag:a', 1, 'FlagCreated');
    await waitForCheckpoint(1);
    expect(standby.isActive).toBe(false);

    await active.stop();
    await waitFor('the standby to take over', () => standby.isActive);
    await append('flag:a', 2);
    await waitForCheckpoint(2);
    expect(summary(await published())).toEqual(['flag:a v1 p1', 'flag:a v2 p2']);
  });

  it('wakes on the insert notification without waiting for the next poll', async () => {
    let passes = 0;
    relay({
      settings: { ...defaultRelaySettings, topic, pollIntervalMs: 600_000, lockRetryMs: 100, barrierTimeoutMs: 300 },
      onLag: () => (passes += 1),
    });
    // After this empty first pass the relay sleeps for ten minutes unless a notification wakes it.
    await waitFor('the first, empty pass', () => passes === 1);
    await append('flag:a', 1, 'FlagCreated');
    await waitForCheckpoint(1);
    expect(summary(await published())).toEqual(['flag:a v1 p1']);
  });
});
