import { loadConsoleConfig } from './console-config';

describe('loadConsoleConfig', () => {
  it('defaults to port 3005 and the npm start ports of the four services', () => {
    const config = loadConsoleConfig({});
    expect(config.port).toBe(3005);
    expect(config.upstreams).toEqual({
      config: 'http://127.0.0.1:3001',
      assignment: 'http://127.0.0.1:3002',
      analysis: 'http://127.0.0.1:3003',
      deployment: 'http://127.0.0.1:3004',
    });
    expect(config.distDir.endsWith('apps/console/dist')).toBe(true);
  });

  it('reads the same URL variables the services use, without a trailing slash, empty meaning unset', () => {
    const config = loadConsoleConfig({ PORT: '4000', CONFIG_SERVICE_URL: 'http://cfg:9/', DEPLOYMENT_SERVICE_URL: '' });
    expect(config.port).toBe(4000);
    expect(config.upstreams.config).toBe('http://cfg:9');
    expect(config.upstreams.deployment).toBe('http://127.0.0.1:3004');
  });

  it('names every bad variable at once', () => {
    expect(() => loadConsoleConfig({ PORT: 'x', ANALYSIS_SERVICE_URL: 'ftp://a' })).toThrow(/PORT: .*ANALYSIS_SERVICE_URL: must be an http\(s\) URL/);
  });
});
