import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { loadConsoleConfig } from './console-config';
import { buildConsoleServer } from './console-server';

describe('console server', () => {
  let dist: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'xp-console-dist-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>xp console</title>');
    writeFileSync(join(dist, 'assets', 'app-1234.js'), 'console.log(1)');
    // Port 1 on loopback: nothing listens there, so every forwarded call fails to connect.
    const config = loadConsoleConfig({ CONSOLE_DIST_DIR: dist, LOG_LEVEL: 'silent', CONFIG_SERVICE_URL: 'http://127.0.0.1:1' });
    app = await buildConsoleServer(config);
  });

  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves the app for client-side routes and hashed assets with a long cache life', async () => {
    const page = await app.inject({ method: 'GET', url: '/experiments/checkout?x=1' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<title>xp console</title>');
    expect(page.headers['cache-control']).toBe('no-cache');
    const asset = await app.inject({ method: 'GET', url: '/assets/app-1234.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
  });

  it('answers 503 in the platform error shape when a service does not answer', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/config/v1/flags', headers: { authorization: 'Bearer k' } });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ error: { code: 'config_service_unreachable' } });
  });

  it('answers a JSON 404 for an /api path that names no service, and for a missing asset', async () => {
    for (const url of ['/api/nothing/v1/x', '/assets/missing.js']) {
      const res = await app.inject({ method: 'GET', url });
      expect({ url, status: res.statusCode, code: res.json().error.code }).toEqual({ url, status: 404, code: 'not_found' });
    }
  });

  it('is ready once the build is there', async () => {
    expect((await app.inject({ method: 'GET', url: '/health/ready' })).json()).toEqual({ status: 'up', checks: { web: 'up' } });
  });
});
