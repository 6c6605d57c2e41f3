import { kafkaForTests, readTopic, uniqueTopic, waitFor } from '@xp/kafka/testing';
import { startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';
import { booleanFlag } from '../testing/fixtures';

describe('config-service publishes flag changes through the relay (real PostgreSQL and Kafka)', () => {
  const topic = uniqueTopic('config-events-app');
  const previousTopic = process.env.CONFIG_EVENTS_TOPIC;
  let svc: ConfigServiceHarness;

  beforeAll(async () => {
    process.env.CONFIG_EVENTS_TOPIC = topic;
    svc = await startConfigService();
  });

  afterAll(async () => {
    await svc?.close();
    if (previousTopic === undefined) delete process.env.CONFIG_EVENTS_TOPIC;
    else process.env.CONFIG_EVENTS_TOPIC = previousTopic;
  });

  it('puts a created and an updated flag on the topic keyed by stream with versions 1 and 2', async () => {
    expect((await svc.request('POST', '/v1/flags', { body: booleanFlag('relayed') })).status).toBe(201);
    const updated = await svc.request('PUT', '/v1/flags/relayed', {
      body: booleanFlag('relayed', { description: 'second' }),
      headers: { 'if-match': '"1"', 'x-change-comment': 'describe it' },
    });
    expect(updated.status).toBe(200);
    await waitFor('both events published', async () => {
      const rows = await svc.sql<{ position: string }>('select position from relay_checkpoint where name = $1', [topic]);
      return rows.length === 1 && Number(rows[0].position) === 2;
    });

    const records = await readTopic(kafkaForTests('relay-e2e'), topic, { count: 2 });
    const events = records.map((r) => JSON.parse(r.value ?? '{}') as { data: Record<string, any> }); // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(records.map((r) => r.key)).toEqual(['flag:relayed', 'flag:relayed']);
    expect(events.map((e) => [e.data.version, e.data.eventType])).toEqual([
      [1, 'FlagCreated'],
      [2, 'FlagUpdated'],
    ]);
    expect(events[1].data.payload.state).toMatchObject({ key: 'relayed', description: 'second' });
    expect(events[0].data.actor).toBe('admin-1');
    expect(events[0].data).not.toHaveProperty('comment');
    expect(events[1].data.comment).toBe('describe it');
  });

  it('exposes the relay lag gauge', async () => {
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    expect(text).toMatch(/^xp_relay_lag_events\{[^}]*\} 0$/m);
  });
});
