import type { MigrationInterface, QueryRunner } from 'typeorm';
import { checkPostgres } from './check-postgres';
import { PostgresUnavailableError } from './postgres-errors';
import { closePostgres, openPostgres } from './open-postgres';
import { runMigrations } from './run-migrations';
import { createTestDatabase, type TestDatabase } from './testing';

class CreateNotes1732400000000 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query('create table notes (id bigserial primary key, body jsonb not null)');
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('drop table notes');
  }
}

class AddNoteAuthor1732400000001 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`alter table notes add column author text not null default 'system'`);
  }
  async down(q: QueryRunner): Promise<void> {
    await q.query('alter table notes drop column author');
  }
}

const migrations = [CreateNotes1732400000000, AddNoteAuthor1732400000001];

describe('openPostgres (real PostgreSQL)', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('runs the migrations at start-up, and a second run is a no-op', async () => {
    const first = await openPostgres({ url: db.url, migrations });
    try {
      const tables = await first.query(`select table_name from information_schema.tables where table_schema = 'public' order by 1`);
      expect(tables.map((t: { table_name: string }) => t.table_name)).toEqual(['migrations', 'notes']);
      expect(await runMigrations(first)).toEqual([]);
    } finally {
      await closePostgres(first);
    }
    const second = await openPostgres({ url: db.url, migrations });
    try {
      const applied = await second.query('select name from migrations order by timestamp');
      expect(applied.map((m: { name: string }) => m.name)).toEqual([
        'CreateNotes1732400000000',
        'AddNoteAuthor1732400000001',
      ]);
    } finally {
      await closePostgres(second);
    }
  });

  it('round-trips a row through the migrated schema', async () => {
    const dataSource = await openPostgres({ url: db.url, migrations });
    try {
      const [inserted] = await dataSource.query('insert into notes (body, author) values ($1, $2) returning id', [
        { text: 'hello', tags: ['a'] },
        'ann',
      ]);
      const rows = await dataSource.query('select body, author from notes where id = $1', [inserted.id]);
      expect(rows).toEqual([{ body: { text: 'hello', tags: ['a'] }, author: 'ann' }]);
    } finally {
      await closePostgres(dataSource);
    }
  });

  it('reports readiness while open and unavailability once closed', async () => {
    const dataSource = await openPostgres({ url: db.url, migrations });
    await expect(checkPostgres(dataSource)).resolves.toBeUndefined();
    await closePostgres(dataSource);
    await expect(checkPostgres(dataSource)).rejects.toBeInstanceOf(PostgresUnavailableError);
  });

  it('lets several instances start at once without racing on the migrations', async () => {
    const fresh = await createTestDatabase();
    try {
      const opened = await Promise.all([1, 2, 3].map(() => openPostgres({ url: fresh.url, migrations })));
      const [{ count }] = await opened[0].query('select count(*)::int as count from migrations');
      expect(count).toBe(2);
      await Promise.all(opened.map(closePostgres));
    } finally {
      await fresh.drop();
    }
  });
});
