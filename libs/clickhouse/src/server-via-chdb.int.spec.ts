import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openServerClickHouse } from './server-clickhouse';
import { clickHouseContract } from './testing/clickhouse-contract';

// The server adapter's own code (real @clickhouse/client: query_params, JSON inserts, settings,
// error parsing) run without a server: chdb/connection is an in-process transport for that client.
// It ignores the client's `database` option (an HTTP request parameter), so the transport factory
// selects the database itself; everything else goes through the adapter unchanged. This does not
// replace server-clickhouse.int.spec.ts against a real server (HTTP, auth, server settings).
// The repo's TypeScript resolves modules the node10 way, which ignores chdb's "exports" subpaths.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createChdbConnection } = require('chdb/connection') as typeof import('chdb/dist/connection');

const dataDir = mkdtempSync(join(tmpdir(), 'xp-clickhouse-client-'));
const database = 'xp_contract';
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// chdb declares the Connection interface from its own copy of the client types; same shape.
type Transport = NonNullable<Parameters<typeof openServerClickHouse>[0]['connection']>;

const inProcessTransport = (async () => {
  const connection = createChdbConnection({ path: dataDir });
  await connection.chdb.queryAsync(`CREATE DATABASE IF NOT EXISTS ${database}`);
  await connection.chdb.queryAsync(`USE ${database}`);
  return connection;
}) as unknown as Transport;

describe('server adapter through @clickhouse/client on an in-process chdb transport', () => {
  clickHouseContract(() => openServerClickHouse({ url: 'http://in-process.invalid:8123', database, connection: inProcessTransport }));
});
