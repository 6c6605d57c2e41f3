import { join } from 'node:path';
import { CliError } from '../cli-error';
import { runImport } from './import-command';

const fixture = (name: string) => join(__dirname, 'testing', name);

async function run(args: string[], env: Record<string, string> = {}, fetchImpl?: typeof fetch) {
  let output = '';
  const code = await runImport(args, { env, out: (t) => (output += t), fetch: fetchImpl });
  return { code, output };
}

describe('xp import (command)', () => {
  it('prints the dry run: what would be created, what cannot be translated and why, and writes nothing', async () => {
    const calls: string[] = [];
    const { code, output } = await run(['unleash', fixture('unleash-features.json')], {}, (async (url: string) => {
      calls.push(url);
      return new Response('{}', { status: 201 });
    }) as typeof fetch);
    expect(code).toBe(0);
    expect(calls).toEqual([]);
    expect(output).toMatch(/2 segment\(s\), 17 flag\(s\) would be created/);
    expect(output).toMatch(/flag checkout-button {2}string, unleash hashing, enabled, 1 rule\(s\)/);
    expect(output).toMatch(/Cannot be translated \(6\):\n {2}segments\.Weird: STR_FUZZY constraint on plan - unknown operator/);
    expect(output).toMatch(/Run again with --apply/);
  });

  it('prints the plan as JSON with --json', async () => {
    const { output } = await run(['growthbook', fixture('growthbook-features.json'), '--json']);
    const plan = JSON.parse(output);
    expect(plan.source).toBe('growthbook');
    expect(plan.untranslatable).toHaveLength(4);
  });

  it('applies segments first, then flags, with the admin key, to CONFIG_SERVICE_URL; a refused entity fails the run', async () => {
    const posts: { url: string; auth: string | null; key: string }[] = [];
    const fake = (async (url: string, init: RequestInit) => {
      const body = JSON.parse(String(init.body)) as { key: string };
      posts.push({ url, auth: new Headers(init.headers).get('authorization'), key: body.key });
      if (body.key === 'pricing-v1') return new Response('{"error":{"code":"validation_failed"}}', { status: 400 });
      if (body.key === 'dark-mode') return new Response('{"error":{"code":"already_exists"}}', { status: 409 });
      return new Response('{}', { status: 201 });
    }) as typeof fetch;
    const { code, output } = await run(['growthbook', fixture('growthbook-features.json'), '--apply'], { XP_API_KEY: 'admin-key', CONFIG_SERVICE_URL: 'http://config.test/' }, fake);
    expect(posts.slice(0, 2).map((p) => p.url)).toEqual(['http://config.test/v1/segments', 'http://config.test/v1/segments']);
    expect(posts.slice(2).every((p) => p.url === 'http://config.test/v1/flags' && p.auth === 'Bearer admin-key')).toBe(true);
    expect(posts.findIndex((p) => p.key === 'dark-mode')).toBeLessThan(posts.findIndex((p) => p.key === 'new-nav'));
    expect(output).toMatch(/Applied: 10 created, 1 already existed \(left as they are\), 1 refused/);
    expect(output).toMatch(/flag pricing-v1: failed \(400 /);
    expect(code).toBe(1);
  });

  it('refuses bad usage, a missing key for --apply, and a document of the wrong kind', async () => {
    await expect(run(['launchdarkly', 'x.json'])).rejects.toThrow(CliError);
    await expect(run(['unleash', fixture('unleash-features.json'), '--apply'])).rejects.toThrow(/XP_API_KEY/);
    await expect(run(['unleash', fixture('growthbook-features.json')])).rejects.toThrow(/not a unleash document/);
  });
});
