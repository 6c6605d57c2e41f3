import { Client } from 'pg';

export const adminUrl = (port: number) => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresAnswers(url: string): Promise<boolean> {
  try {
    return await withClient(url, async (c) => (await c.query('select 1 as one')).rows[0]?.one === 1);
  } catch {
    return false;
  }
}

/** Creates each database that does not exist yet; a concurrent creator is not an error. */
export async function ensureDatabases(url: string, names: readonly string[]): Promise<string[]> {
  return withClient(url, async (client) => {
    const created: string[] = [];
    for (const name of names) {
      const found = await client.query('select 1 from pg_database where datname = $1', [name]);
      if (found.rowCount) continue;
      try {
        await client.query(`create database ${client.escapeIdentifier(name)}`);
        created.push(name);
      } catch (error) {
        if ((error as { code?: string }).code !== '42P04') throw error;
      }
    }
    return created;
  });
}
