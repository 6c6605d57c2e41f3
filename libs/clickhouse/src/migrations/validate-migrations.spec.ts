import { validateMigrations } from './validate-migrations';
import { migrationChecksum } from './clickhouse-migration';

const m = (version: number, name = `m${version}`) => ({ version, name, up: [`SELECT ${version}`] });

describe('validateMigrations', () => {
  it('accepts strictly increasing versions and keeps their order', () => {
    expect(validateMigrations([m(1), m(2), m(10)]).map((x) => x.version)).toEqual([1, 2, 10]);
  });

  it('rejects a repeated version', () => {
    expect(() => validateMigrations([m(1), m(1, 'again')])).toThrow(/unique and increasing: 1 \(again\) follows 1/);
  });

  it('rejects versions listed out of order', () => {
    expect(() => validateMigrations([m(2), m(1)])).toThrow(expect.objectContaining({ code: 'MIGRATION_INVALID' }));
  });

  it('rejects a migration without statements or with a non-positive version', () => {
    expect(() => validateMigrations([{ version: 1, name: 'empty', up: [] }])).toThrow(/invalid migrations: 0.up/);
    expect(() => validateMigrations([m(0)])).toThrow(/invalid migrations: 0.version/);
  });
});

describe('migrationChecksum', () => {
  it('changes when a statement changes and not otherwise', () => {
    expect(migrationChecksum(m(1))).toBe(migrationChecksum(m(1)));
    expect(migrationChecksum(m(1))).not.toBe(migrationChecksum({ ...m(1), up: ['SELECT 2'] }));
  });
});
