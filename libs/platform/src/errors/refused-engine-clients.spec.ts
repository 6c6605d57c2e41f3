import { openServerClickHouse } from '@xp/clickhouse';
import { createKafka } from '@xp/kafka';
import { createServer } from 'node:net';
import { Pool } from 'pg';
import { toErrorResponse } from './error-response';

/** A port nothing listens on: every client's connection is refused, as when the engine is stopped. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

const failureOf = (work: () => Promise<unknown>): Promise<unknown> => work().then(() => { throw new Error('expected a failure'); }, (err: unknown) => err);

describe('what the real engine clients throw when the engine is away becomes a 503', () => {
  let port: number;
  beforeEach(async () => {
    port = await closedPort();
  });

  it('pg (through a pool, as TypeORM uses it): postgres_unavailable', async () => {
    const pool = new Pool({ connectionString: `postgres://postgres:postgres@127.0.0.1:${port}/xp_config` });
    try {
      const response = toErrorResponse(await failureOf(() => pool.query('select 1')));
      expect([response.status, response.body.error.code, response.headers]).toEqual([503, 'postgres_unavailable', { 'Retry-After': '2' }]);
    } finally {
      await pool.end();
    }
  });

  it('@clickhouse/client (the server adapter): clickhouse_unavailable', async () => {
    const error = await failureOf(() => openServerClickHouse({ url: `http://127.0.0.1:${port}`, database: 'xp' }));
    const response = toErrorResponse(error);
    expect([response.status, response.body.error.code]).toEqual([503, 'clickhouse_unavailable']);
  });

  it('kafkajs (a producer that cannot reach its broker): kafka_unavailable', async () => {
    const kafka = createKafka({ brokers: [`127.0.0.1:${port}`], clientId: 'outage-test', logLevel: 0, connectionTimeoutMs: 500, retry: { retries: 0 } });
    const producer = kafka.producer();
    const response = toErrorResponse(await failureOf(() => producer.connect()));
    expect([response.status, response.body.error.code]).toEqual([503, 'kafka_unavailable']);
    await producer.disconnect().catch(() => undefined);
  });
});
