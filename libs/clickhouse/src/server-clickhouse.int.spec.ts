import { randomUUID } from 'node:crypto';
import { createClickHouse } from './create-clickhouse';
import { clickHouseContract } from './testing/clickhouse-contract';

const url = process.env.CLICKHOUSE_URL;
// A fresh database per run: a real server keeps data between runs.
const database = `xp_contract_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const open = () =>
  createClickHouse({ url, database, username: process.env.CLICKHOUSE_USER, password: process.env.CLICKHOUSE_PASSWORD });

// The local stack runs ClickHouse embedded (chdb); this suite needs a real server, so it only runs
// when one is named.
const describeWithServer = url ? describe : describe.skip;

describeWithServer(
  url ? `server ClickHouse adapter contract (${url})` : 'server ClickHouse adapter contract — skipped: CLICKHOUSE_URL is not set',
  () => {
    clickHouseContract(open);

    afterAll(async () => {
      const ch = await open();
      await ch.exec(`DROP DATABASE IF EXISTS ${database}`);
      await ch.close();
    });
  },
);
