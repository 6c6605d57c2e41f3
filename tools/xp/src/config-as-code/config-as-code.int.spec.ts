import { ExperimentSchema, FlagSchema, SegmentSchema } from '@xp/contracts';
import { compileRuleset } from '@xp/evaluation';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the acceptance test boots the real config-service in-process
import { ADMIN_KEY, type ConfigServiceHarness, startConfigService } from '../../../../apps/config-service/src/testing/config-service-harness';
// eslint-disable-next-line @nx/enforce-module-boundaries -- valid entities to build on
import { booleanFlag, experiment, metric, segment } from '../../../../apps/config-service/src/testing/fixtures';
import { ApiClient } from '../admin/api-client';
import { CliError } from '../cli-error';
import { applyImport } from './apply-import';
import { parseConfigYaml, SCHEMA_LINE } from './config-yaml';
import { runConfigCommand } from './config-command';
import { diffConfig } from './import-diff';
import { readPlatformConfig } from './platform-config';

const UNITS = 10_000;
const client = (harness: ConfigServiceHarness) => new ApiClient({ config: harness.url, assignment: '', analysis: '', deployment: '' }, ADMIN_KEY);

async function run(command: (args: string[], io: never) => Promise<number>, harness: ConfigServiceHarness, args: string[], files: Record<string, string> = {}) {
  let output = '';
  const io = { env: { XP_API_KEY: ADMIN_KEY, XP_CONFIG_URL: harness.url }, out: (t: string) => (output += t), readFile: (p: string) => files[p] };
  const code = await command(args, io as never);
  return { code, output };
}

/** Every flag's variant for `UNITS` units, from the platform's own entities compiled by the evaluation engine. */
async function evaluations(harness: ConfigServiceHarness): Promise<string[]> {
  const items = async (kind: string) => (await harness.request('GET', `/v1/${kind}`)).body.items as unknown[];
  const evaluator = compileRuleset({
    version: 1,
    flags: (await items('flags')).map((f) => FlagSchema.parse(f)),
    segments: (await items('segments')).map((s) => SegmentSchema.parse(s)),
    experiments: (await items('experiments')).map((e) => ExperimentSchema.parse(e)),
    holdouts: [],
  });
  const answers: string[] = [];
  for (let i = 0; i < UNITS; i++) {
    const attributes = { country: ['FR', 'DE', 'US', 'JP'][i % 4], plan: i % 3 === 0 ? 'pro' : 'free' };
    answers.push(evaluator.evaluate(`unit-${i}`, attributes).map((r) => `${r.flagKey}=${r.variant}`).join(','));
  }
  return answers;
}

describe('xp export / import against real config-services (PostgreSQL, Kafka)', () => {
  let source: ConfigServiceHarness;
  let empty: ConfigServiceHarness;
  let exported = '';

  beforeAll(async () => {
    source = await startConfigService();
    empty = await startConfigService();
    const ok = async (method: string, path: string, body?: unknown, etag?: string | null) => {
      const reply = await source.request(method, path, { body, ...(etag ? { headers: { 'if-match': etag } } : {}) });
      expect([200, 201]).toContain(reply.status);
      return reply;
    };
    await ok('POST', '/v1/segments', segment('europe'));
    await ok('POST', '/v1/segments', segment('pro-europe', { conditions: [{ attribute: 'u', operator: 'inSegment', values: ['europe'] }, { attribute: 'plan', operator: 'in', values: ['pro'] }] }));
    await ok('POST', '/v1/metrics', metric('conversion'));
    await ok('POST', '/v1/flags', booleanFlag('checkout', { enabled: true, tags: ['payments'], rules: [
      { id: 'pro-eu', conditions: [{ attribute: 'u', operator: 'inSegment', values: ['pro-europe'] }], weights: [{ variant: 'on', weight: 10_000 }] },
      { id: 'split', rollout: 40, weights: [{ variant: 'on', weight: 5000 }, { variant: 'off', weight: 5000 }] },
    ] }));
    await ok('POST', '/v1/flags', booleanFlag('banner', { enabled: true, prerequisites: [{ flagKey: 'checkout', variants: ['on'] }] }));
    const tested = await ok('POST', '/v1/flags', booleanFlag('pricing', { enabled: true, rules: [] }));
    const created = await ok('POST', '/v1/experiments', experiment('pricing-test', 'pricing', 'conversion'));
    await ok('POST', '/v1/experiments/pricing-test/start', {}, created.etag);
    await ok('PUT', '/v1/flags/pricing', booleanFlag('pricing', { enabled: true, rules: [{ id: 'test', experimentKey: 'pricing-test' }] }), tested.etag);
  });

  afterAll(async () => {
    await source?.close();
    await empty?.close();
  });

  it('exports everything as sorted YAML without server fields, with the schema line first', async () => {
    const { code, output } = await run(runConfigCommand, source, ['export']);
    expect(code).toBe(0);
    exported = output;
    expect(output.split('\n')[0]).toBe(SCHEMA_LINE);
    const file = parseConfigYaml(output, 'xp.yaml');
    expect(file.flags.map((f) => f.key)).toEqual(['banner', 'checkout', 'pricing']);
    expect(file.segments.map((s) => s.key)).toEqual(['europe', 'pro-europe']);
    expect(file.experiments[0]).toMatchObject({ key: 'pricing-test', status: 'running' });
    expect(output).not.toMatch(/^\s*version:/m);
    expect(Object.keys(file.flags[1])).toEqual([...Object.keys(file.flags[1])].sort());
    expect((await run(runConfigCommand, source, ['export'])).output).toBe(output);
  });

  it('into an empty platform: a dry run first, then --apply gives the same evaluations for 10,000 units', async () => {
    const dry = await run(runConfigCommand, empty, ['import', 'xp.yaml'], { 'xp.yaml': exported });
    expect(dry.output).toContain('+ flag pricing (create)');
    expect(dry.output).toContain('7 to create, 0 to change, 0 to delete.');
    expect((await empty.request('GET', '/v1/flags')).body.items).toEqual([]);

    const applied = await run(runConfigCommand, empty, ['import', 'xp.yaml', '--apply'], { 'xp.yaml': exported });
    expect(applied.code).toBe(0);
    expect(applied.output).toContain('start experiment pricing-test');
    expect((await run(runConfigCommand, empty, ['export'])).output).toBe(exported);
    const [theirs, ours] = [await evaluations(source), await evaluations(empty)];
    expect(ours.length).toBe(UNITS);
    expect(ours.filter((answer, i) => answer !== theirs[i]).slice(0, 3)).toEqual([]);
    expect(new Set(ours.map((a) => a.split(',').find((r) => r.startsWith('pricing'))))).toEqual(new Set(['pricing=on', 'pricing=off']));
  });

  it('a second import changes nothing', async () => {
    const again = await run(runConfigCommand, empty, ['import', 'xp.yaml', '--apply'], { 'xp.yaml': exported });
    expect(again.output).toMatch(/^No changes\./);
    expect(again.output).toContain('Applied 0 write(s).');
  });

  it('shows a change field by field, deletes only with --prune, and refuses an import racing a concurrent edit', async () => {
    const edited = exported.replace('description: test flag', 'description: edited in review');
    const withoutBanner = parseConfigYaml(edited, 'xp.yaml');
    withoutBanner.flags = withoutBanner.flags.filter((f) => f.key !== 'banner');
    const dry = await run(runConfigCommand, empty, ['import', 'xp.yaml'], { 'xp.yaml': edited });
    expect(dry.output).toContain('~ flag banner\n    description: "test flag" -> "edited in review"');

    const platform = await readPlatformConfig(client(empty));
    const diff = diffConfig(withoutBanner, platform, false);
    expect(diff.changes).toEqual([]);
    expect(diff.notInFile).toEqual([{ kind: 'flags', key: 'banner' }]);
    expect(diffConfig(withoutBanner, platform, true).changes).toEqual([expect.objectContaining({ action: 'delete', kind: 'flags', key: 'banner' })]);

    const plan = diffConfig(parseConfigYaml(edited, 'xp.yaml'), platform, false);
    const current = await empty.request('GET', '/v1/flags/banner');
    const { version: _v, ...banner } = current.body;
    expect((await empty.request('PUT', '/v1/flags/banner', { body: { ...banner, tags: ['concurrent'] }, headers: { 'if-match': current.etag as string } })).status).toBe(200);
    const refused = await applyImport(plan, platform, client(empty)).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(CliError);
    expect((refused as CliError).message).toMatch(/^flag 'banner': /);
    expect((refused as CliError).details).toMatchObject({ status: 409, kind: 'flags', key: 'banner' });
    expect((await empty.request('GET', '/v1/flags/banner')).body).toMatchObject({ description: 'test flag', tags: ['concurrent'] });
  });
});
