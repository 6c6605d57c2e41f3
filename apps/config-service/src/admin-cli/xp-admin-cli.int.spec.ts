import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ADMIN_KEY, READER_KEY, startConfigService, type ConfigServiceHarness } from '../testing/config-service-harness';

const repoRoot = resolve(__dirname, '../../../..');

/** Runs `npm run xp -- ...` as a person does. */
function xp(args: string[], env: Record<string, string>, stdin = ''): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/xp/src/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (status) => done({ status, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const FLAG_YAML = `key: cli-checkout
description: set from a file
valueType: boolean
variants:
  - { key: 'off', value: false }
  - { key: 'on', value: true }
offVariant: 'off'
salt: cli-checkout
`;

describe('xp admin verbs against config-service (real PostgreSQL and Kafka)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'xp-admin-'));
  let config: ConfigServiceHarness;
  let admin: Record<string, string>;

  beforeAll(async () => {
    config = await startConfigService();
    admin = { XP_CONFIG_URL: config.url, XP_API_KEY: ADMIN_KEY };
    writeFileSync(join(dir, 'flag.yaml'), FLAG_YAML);
  }, 120_000);

  afterAll(async () => {
    await config?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates from a YAML file, lists as a table, gets as JSON, and round-trips a change at its version', async () => {
    const created = await xp(['flags', 'set', join(dir, 'flag.yaml')], admin);
    expect(created).toMatchObject({ status: 0, stderr: '' });
    expect(created.stdout).toMatch(/^created flag 'cli-checkout'\n/);

    const listed = await xp(['flags', 'list'], { ...admin, XP_API_KEY: READER_KEY });
    expect(listed.status).toBe(0);
    const [header, rule, row, footer] = listed.stdout.trimEnd().split('\n');
    expect(header.split(/\s+/)).toEqual(['key', 'valueType', 'enabled', 'rules', 'variants', 'version', 'archived']);
    expect(rule).toMatch(/^-+( +-+)+$/);
    expect(row.split(/\s+/)).toEqual(['cli-checkout', 'boolean', 'false', '0', '2', '1']);
    expect(footer).toBe('(1 row)');

    const got = await xp(['flags', 'get', 'cli-checkout', '--json'], admin);
    const flag = JSON.parse(got.stdout) as Record<string, unknown>;
    expect(flag).toMatchObject({ key: 'cli-checkout', description: 'set from a file', version: 1 });

    // Edit what `get --json` printed and set it back: sent at version 1 (If-Match), accepted once.
    const edited = join(dir, 'edited.json');
    writeFileSync(edited, JSON.stringify({ ...flag, description: 'edited' }));
    const updated = await xp(['flags', 'set', edited, '--comment', 'from the CLI test'], admin);
    expect(updated).toMatchObject({ status: 0, stderr: '' });
    expect(updated.stdout).toMatch(/^updated flag 'cli-checkout' \(version 1 -> 2\)\n/);
    expect((await config.request('GET', '/v1/flags/cli-checkout')).body).toMatchObject({ description: 'edited', version: 2 });

    // The same file again is based on version 1, which is no longer current: refused, nothing overwritten.
    const stale = await xp(['flags', 'set', edited], admin);
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/^409 version_conflict: Expected version 1 but the current version is 2/);
    expect(stale.stdout).toBe('');
  }, 120_000);

  it('flips the kill switch and archives at the current version, from stdin and by key', async () => {
    const segment = JSON.stringify({ key: 'cli-beta', conditions: [{ attribute: 'plan', operator: 'in', values: ['beta'] }] });
    expect(await xp(['segments', 'set', '-'], admin, segment)).toMatchObject({ status: 0, stderr: '' });
    const on = await xp(['flags', 'kill-switch', 'cli-checkout', 'on', '--json'], admin);
    expect(on.status).toBe(0);
    expect(JSON.parse(on.stdout)).toMatchObject({ key: 'cli-checkout', enabled: true });
    const archived = await xp(['segments', 'delete', 'cli-beta'], admin);
    expect(archived).toMatchObject({ status: 0, stdout: "archived segment 'cli-beta'\n" });
    expect((await config.request('GET', '/v1/segments/cli-beta')).body).toMatchObject({ archived: true });
  }, 120_000);

  it("prints the API's message and exits 1 when refused, 2 on a usage problem", async () => {
    const reader = await xp(['flags', 'kill-switch', 'cli-checkout', 'off'], { ...admin, XP_API_KEY: READER_KEY });
    expect(reader.status).toBe(1);
    expect(reader.stderr).toMatch(/^403 /);
    const missing = await xp(['experiments', 'get', 'no-such-experiment'], admin);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^404 not_found: No experiment 'no-such-experiment'/);
    const invalid = await xp(['metrics', 'set', '-'], admin, JSON.stringify({ key: 'bad-metric', kind: 'sum', eventName: 'purchase' }));
    expect(invalid.status).toBe(1);
    expect(invalid.stderr).toMatch(/^400 /);
    expect(invalid.stderr).toMatch(/\n {2}valueProperty: /);
    const usage = await xp(['flags', 'frobnicate'], admin);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^flags has no verb 'frobnicate' \(verbs: list, get, set, delete, kill-switch\)/);
  }, 120_000);
});
