import { runAdmin, type AdminIo } from './admin-command';
import { parseAdminOptions } from './admin-options';
import { platformUrls } from './platform-urls';

/** A fake deployment-service answering the rollout routes, recording each request. */
function fakeDeployment(calls: Array<{ method: string; url: string; body?: unknown }>): typeof fetch {
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    calls.push({ method: init?.method ?? 'GET', url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.endsWith('/v1/rollouts')) {
      return new Response(JSON.stringify({ items: [{ experimentKey: 'checkout', status: 'running', stageIndex: 1, percentage: 5, automationPaused: false }] }));
    }
    if (url.includes('/v1/rollouts/nope/')) return new Response(JSON.stringify({ error: { code: 'not_found', message: "No rollout for experiment 'nope'" } }), { status: 404 });
    return new Response(JSON.stringify({ experimentKey: 'checkout', status: 'rolled_back' }));
  }) as typeof fetch;
}

function io(fetchImpl: typeof fetch, env: Record<string, string> = { XP_API_KEY: 'k', XP_DEPLOYMENT_URL: 'http://deploy:1/' }) {
  const out: string[] = [];
  const err: string[] = [];
  const value: AdminIo = { env, out: (t) => out.push(t), err: (t) => err.push(t), readInput: async () => '{}', fetch: fetchImpl };
  return { value, out, err };
}

describe('xp rollouts', () => {
  it('lists rollouts as a table and rolls one back with the reason, from deployment-service', async () => {
    const calls: Array<{ method: string; url: string; body?: unknown }> = [];
    const list = io(fakeDeployment(calls));
    expect(await runAdmin(['rollouts', 'list'], list.value)).toBe(0);
    expect(list.out.join('').split('\n')[2].split(/\s+/)).toEqual(['checkout', 'running', '1', '5', 'false']);
    const back = io(fakeDeployment(calls));
    expect(await runAdmin(['rollouts', 'rollback', 'checkout', '--reason', 'error rate', '--json'], back.value)).toBe(0);
    expect(JSON.parse(back.out.join(''))).toEqual({ experimentKey: 'checkout', status: 'rolled_back' });
    expect(calls.map((c) => [c.method, c.url, c.body])).toEqual([
      ['GET', 'http://deploy:1/v1/rollouts', undefined],
      ['POST', 'http://deploy:1/v1/rollouts/checkout/rollback', { reason: 'error rate' }],
    ]);
  });

  it("prints the API's refusal and exits 1; usage problems exit 2 before any request", async () => {
    const calls: Array<{ method: string; url: string }> = [];
    const refused = io(fakeDeployment(calls));
    expect(await runAdmin(['rollouts', 'approve', 'nope'], refused.value)).toBe(1);
    expect(refused.err.join('')).toBe("404 not_found: No rollout for experiment 'nope'\n");
    const usage = io(fakeDeployment(calls));
    expect(await runAdmin(['rollouts', 'set', 'x.json'], usage.value)).toBe(2);
    expect(usage.err.join('')).toMatch(/^rollouts has no verb 'set' \(verbs: list, get, pause, resume, approve, rollback\)/);
    const down = io((async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    expect(await runAdmin(['rollouts', 'list'], down.value)).toBe(1);
    expect(down.err.join('')).toBe('unreachable: deployment-service at http://deploy:1 is unreachable (fetch failed)\n');
    const noKey = io(fakeDeployment(calls), {});
    expect(await runAdmin(['rollouts', 'list'], noKey.value)).toBe(2);
    expect(calls).toHaveLength(1);
  });
});

describe('parseAdminOptions', () => {
  it('reads the verb, its arguments and options, and refuses what a verb does not take', () => {
    expect(parseAdminOptions(['flags', 'kill-switch', 'f', 'on', '--environment', 'staging', '--comment', 'incident 42'])).toMatchObject({
      verb: 'kill-switch',
      args: ['f', 'on'],
      environment: 'staging',
      comment: 'incident 42',
      json: false,
    });
    expect(() => parseAdminOptions(['flags', 'kill-switch', 'f', 'maybe'])).toThrow('kill-switch takes on or off');
    expect(() => parseAdminOptions(['experiments', 'conclude', 'e'])).toThrow('conclude needs --winner <variant>');
    expect(() => parseAdminOptions(['segments', 'get'])).toThrow('segments get takes a key');
    expect(() => parseAdminOptions(['flags', 'list', '--colour'])).toThrow('unknown option --colour');
  });
});

describe('platformUrls', () => {
  it('takes each URL from its variable, else counts from XP_PORT_BASE as npm start does', () => {
    expect(platformUrls({ XP_PORT_BASE: '4000', XP_ANALYSIS_URL: 'http://a:9/' })).toEqual({
      config: 'http://127.0.0.1:4001',
      assignment: 'http://127.0.0.1:4002',
      analysis: 'http://a:9',
      deployment: 'http://127.0.0.1:4004',
    });
    expect(platformUrls({ CONFIG_SERVICE_URL: 'http://cfg:3001' }).config).toBe('http://cfg:3001');
  });
});
