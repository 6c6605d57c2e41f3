import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClickHouse } from '@xp/clickhouse';
import { makeEnvelope } from '@xp/contracts';
import { ContractProducer, ensureTopics } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueGroupId, uniqueTopic, waitFor } from '@xp/kafka/testing';

const kafka = kafkaForTests('ingestion-crash-test');
const WORKER = join(__dirname, 'testing', 'ingestion-worker.ts');
const EXPOSURES = 3000;
const EVENTS = 1200;
const PARTITIONS = 3;

interface Run {
  child: ChildProcess;
  exited: Promise<NodeJS.Signals | number | null>;
}

function runWorker(env: Record<string, string>): Run {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', WORKER], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += String(chunk)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code !== 0 && code !== null) process.stderr.write(stderr);
      resolve(signal ?? code);
    }),
  );
  return { child, exited };
}

/** Committed offsets of a group minus the topic's high watermarks, summed: 0 when caught up. */
async function uncommitted(groupId: string, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    return ends.reduce((sum, end) => {
      const at = committed.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      return sum + Number(end.high) - Math.max(0, Number(at));
    }, 0);
  } finally {
    await admin.disconnect();
  }
}

async function readClickHouse<T>(path: string, sql: string): Promise<T[]> {
  const ch = await createClickHouse({ path, database: 'xp' });
  try {
    return await ch.query<T>(sql);
  } finally {
    await ch.close();
  }
}

describe('ingestion killed in the middle of a batch (real Kafka, chdb in a child process)', () => {
  const exposuresTopic = uniqueTopic('crash-exposures');
  const eventsTopic = uniqueTopic('crash-events');
  const groupPrefix = uniqueGroupId('crash-ingest');
  const dir = mkdtempSync(join(tmpdir(), 'xp-ingest-crash-'));
  const producer = new ContractProducer(kafka);
  const exposureIds: string[] = [];
  const eventIds: string[] = [];
  const workerEnv = {
    WORKER_CH_PATH: dir,
    WORKER_EXPOSURES_TOPIC: exposuresTopic,
    WORKER_EVENTS_TOPIC: eventsTopic,
    WORKER_GROUP_PREFIX: groupPrefix,
  };

  beforeAll(async () => {
    await ensureTopics(kafka, [
      { name: exposuresTopic, partitions: PARTITIONS },
      { name: eventsTopic, partitions: PARTITIONS },
    ]);
    await producer.connect();
    const exposures = Array.from({ length: EXPOSURES }, (_, i) => {
      const envelope = makeEnvelope('exposure', { experimentKey: 'crash', flagKey: 'f', variant: i % 2 ? 'b' : 'a', unitId: `u-${i}` });
      exposureIds.push(envelope.id);
      return { key: `u-${i}`, envelope };
    });
    const events = Array.from({ length: EVENTS }, (_, i) => {
      const envelope = makeEnvelope('metric.event', { unitId: `u-${i}`, event: 'purchase', value: i, properties: { n: i, ok: true } });
      eventIds.push(envelope.id);
      return { key: `u-${i}`, envelope };
    });
    for (let i = 0; i < exposures.length; i += 500) await producer.send(exposuresTopic, 'exposure', exposures.slice(i, i + 500));
    await producer.send(eventsTopic, 'metric.event', events);
    // One record that breaks its contract: it must end in the DLQ, not in ClickHouse.
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic: exposuresTopic, messages: [{ key: 'bad', value: '{"not":"an envelope"}' }] });
    await raw.disconnect();
  }, 60_000);

  afterAll(async () => {
    await producer.disconnect();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores exactly the distinct records produced after a SIGKILL between insert and commit and a restart', async () => {
    // Run 1: small batches, killed right after its 3rd exposure insert returned (offsets not committed).
    const first = runWorker({ ...workerEnv, WORKER_BATCH_ROWS: '200', WORKER_KILL_AFTER_EXPOSURE_INSERTS: '3' });
    expect(await first.exited).toBe('SIGKILL');

    const [afterCrash] = await readClickHouse<{ n: string }>(dir, 'SELECT count() AS n FROM exposures_raw');
    const committedAfterCrash = EXPOSURES + 1 - (await uncommitted(`${groupPrefix}.exposures`, exposuresTopic));
    // The crash left rows in ClickHouse whose offsets were never committed: they WILL be redelivered.
    expect(Number(afterCrash.n)).toBeGreaterThan(committedAfterCrash);

    // Run 2: other batch sizes, so redelivered records are grouped into different blocks.
    const second = runWorker({ ...workerEnv, WORKER_BATCH_ROWS: '350' });
    await waitFor(
      'the restarted worker to commit every record',
      async () =>
        (await uncommitted(`${groupPrefix}.exposures`, exposuresTopic)) === 0 &&
        (await uncommitted(`${groupPrefix}.events`, eventsTopic)) === 0,
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    const exposures = await readClickHouse<{ id: string; n: string }>(dir, 'SELECT id, count() AS n FROM exposures_raw GROUP BY id');
    expect(exposures.filter((row) => row.n !== '1')).toEqual([]);
    expect(exposures.map((row) => row.id).sort()).toEqual([...exposureIds].sort());

    const events = await readClickHouse<{ id: string; n: string }>(dir, 'SELECT id, count() AS n FROM events_raw GROUP BY id');
    expect(events.filter((row) => row.n !== '1')).toEqual([]);
    expect(events.map((row) => row.id).sort()).toEqual([...eventIds].sort());

    const [first_] = await readClickHouse<{ units: string; multi: string; b: string }>(
      dir,
      "SELECT count() AS units, countIf(variant_count > 1) AS multi, countIf(variant = 'b') AS b FROM first_exposures WHERE experiment_key = 'crash'",
    );
    expect(first_).toEqual({ units: String(EXPOSURES), multi: '0', b: String(EXPOSURES / 2) });

    const dlq = await readTopic(kafka, `${exposuresTopic}.dlq`, { count: 1, timeoutMs: 10_000 });
    expect(dlq.map((record) => record.value)).toEqual(['{"not":"an envelope"}']);
  }, 180_000);
});
