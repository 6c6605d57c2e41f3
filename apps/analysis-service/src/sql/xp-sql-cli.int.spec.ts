import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { ClickHousePort } from '@xp/clickhouse';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import { AppModule } from '../app.module';
import { CLICKHOUSE } from '../connections/tokens';

const repoRoot = resolve(__dirname, '../../../..');

/** Runs `npm run xp -- sql ...` as a person does, with stdin for the REPL. */
function xpSql(args: string[], env: Record<string, string>, stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/xp/src/main.ts', 'sql', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

describe('xp sql against analysis-service (embedded ClickHouse)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xp-cli-sql-'));
  let service: RunningService;
  let env: Record<string, string>;

  beforeAll(async () => {
    const config = loadConfig('analysis-service', { ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', API_KEYS: '', CLICKHOUSE_PATH: dir, ANALYSIS_INTERVAL_MS: '3600000' });
    service = await bootstrapService(AppModule.forRoot(config), config);
    const clickhouse = service.app.get<ClickHousePort>(CLICKHOUSE);
    await clickhouse.insert('exposures_raw', [
      { id: 'a', experiment_key: 'checkout', flag_key: 'f', variant: 'off', unit_id: 'u1', ts: '2026-11-01 00:00:00', kafka_topic: 't', kafka_partition: 0, kafka_offset: 0 },
      { id: 'b', experiment_key: 'checkout', flag_key: 'f', variant: 'on', unit_id: 'u2', ts: '2026-11-01 00:00:00', kafka_topic: 't', kafka_partition: 0, kafka_offset: 1 },
    ]);
    env = { XP_ANALYSIS_URL: service.url, XP_API_KEY: 'dev-reader-key' };
  }, 120_000);

  afterAll(async () => {
    await service?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const query = "SELECT variant, count() AS units FROM first_exposures WHERE experiment_key = 'checkout' GROUP BY variant ORDER BY variant";

  it('prints a readable table by default', async () => {
    const run = await xpSql([query], env);
    expect(run).toEqual({ status: 0, stderr: '', stdout: ['variant  units', '-------  -----', 'off          1', 'on           1', '(2 rows)', ''].join('\n') });
  });

  it('prints csv, json and tsv', async () => {
    expect((await xpSql([query, '--format', 'csv'], env)).stdout).toBe('"variant","units"\n"off",1\n"on",1\n');
    expect((await xpSql([query, '--format', 'json'], env)).stdout).toBe('{"variant":"off","units":"1"}\n{"variant":"on","units":"1"}\n');
    expect((await xpSql([query, '--format', 'tsv'], env)).stdout).toBe('variant\tunits\noff\t1\non\t1\n');
  });

  it('answers queries read one by one (the REPL), each ended by ";", going on after an error', async () => {
    const run = await xpSql([], env, 'SELECT 1 AS one;\nDROP TABLE exposures_raw;\nSELECT\n  2 AS two;\n');
    expect(run.stdout).toBe('one\n---\n  1\n(1 row)\ntwo\n---\n  2\n(1 row)\n');
    expect(run.stderr).toContain('(ACCESS_DENIED)');
    expect(run.status).toBe(1);
  });

  it('needs a key, and prints the service error and exits non-zero', async () => {
    expect(await xpSql(['SELECT 1'], { XP_ANALYSIS_URL: service.url, XP_API_KEY: '' })).toMatchObject({ status: 2, stderr: expect.stringContaining('XP_API_KEY') });
    const bad = await xpSql(['SELECT * FROM nowhere'], env);
    expect(bad).toMatchObject({ status: 1, stdout: '', stderr: expect.stringMatching(/^Code: 60\. DB::Exception: .*\(UNKNOWN_TABLE\)\n$/) });
  });
});
