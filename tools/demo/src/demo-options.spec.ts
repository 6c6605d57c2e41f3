import { DemoError } from './demo-error';
import { parseDemoOptions } from './demo-options';

describe('parseDemoOptions', () => {
  it('runs every scenario against the npm start ports with the development keys by default', () => {
    const options = parseDemoOptions([], {}, 36 ** 3);
    expect(options.scenarios).toEqual(['ship', 'rollback', 'safe']);
    expect(parseDemoOptions(['--scenario', 'both'], {}).scenarios).toEqual(['ship', 'rollback']);
    expect(options.urls).toEqual({
      config: 'http://127.0.0.1:3001',
      assignment: 'http://127.0.0.1:3002',
      analysis: 'http://127.0.0.1:3003',
      deployment: 'http://127.0.0.1:3004',
    });
    expect(options.keys).toEqual({ admin: 'dev-admin-key', sdk: 'dev-sdk-key' });
    expect(options.runId).toBe('1000');
    expect(options.timeoutMs).toBe(180_000);
  });

  it('takes one scenario, a run id and URLs and keys from the environment', () => {
    const options = parseDemoOptions(['--scenario', 'rollback', '--run-id', 'e2e-1', '--timeout-s', '30'], {
      XP_CONFIG_URL: 'http://127.0.0.1:4001/',
      XP_SDK_KEY: 'sdk-x',
    });
    expect(options.scenarios).toEqual(['rollback']);
    expect(options.runId).toBe('e2e-1');
    expect(options.timeoutMs).toBe(30_000);
    expect(options.urls.config).toBe('http://127.0.0.1:4001');
    expect(options.keys.sdk).toBe('sdk-x');
  });

  it('rejects unknown scenarios, unknown options and missing values', () => {
    expect(() => parseDemoOptions(['--scenario', 'crash'], {})).toThrow(DemoError);
    expect(() => parseDemoOptions(['--fast'], {})).toThrow(/unknown option --fast/);
    expect(() => parseDemoOptions(['--scenario'], {})).toThrow(/needs a value/);
    expect(() => parseDemoOptions(['--run-id', 'Bad Id'], {})).toThrow(/run-id/);
  });
});
