import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { engineStatus, ensureEngines } from './engines';

describe('local engines after the test setup', () => {
  it('reports Kafka and PostgreSQL up', async () => {
    const statuses = await engineStatus(['kafka', 'postgres']);
    expect(statuses.map(({ name, up }) => ({ name, up }))).toEqual([
      { name: 'kafka', up: true },
      { name: 'postgres', up: true },
    ]);
  });

  it('starts nothing when ensureEngines runs again (idempotent)', async () => {
    const { startedByUs } = await ensureEngines(['kafka', 'postgres', 'clickhouse'], { log: () => undefined });
    expect(startedByUs).toEqual([]);
  });

  it('answers select 1 on PostgreSQL and lists the service databases', async () => {
    const client = new Client({ connectionString: process.env.TEST_DATABASE_ADMIN_URL });
    await client.connect();
    try {
      expect((await client.query('select 1 as one')).rows).toEqual([{ one: 1 }]);
      const dbs = await client.query("select datname from pg_database where datname like 'xp\\_%' order by datname");
      expect(dbs.rows.map((r) => r.datname)).toEqual(expect.arrayContaining(['xp_config', 'xp_deployment']));
    } finally {
      await client.end();
    }
  });

  it('answers a Kafka metadata request with one broker on the configured address', async () => {
    const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');
    const admin = new Kafka({ clientId: 'engines-int-spec', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      expect(cluster.brokers.map((b) => `${b.host}:${b.port}`)).toEqual(brokers);
    } finally {
      await admin.disconnect();
    }
  });
});
