import { resolveTopology } from '@xp/contracts';
import { Body, Controller, Get, Module, Post, type DynamicModule } from '@nestjs/common';
import { z } from 'zod';
import { authConfigFrom } from './auth/parse-api-keys';
import { bootstrapService, type RunningService } from './bootstrap/bootstrap-service';
import type { AssignmentServiceConfig } from './config/service-config';
import { ConflictError } from './errors/domain-error';
import { PlatformModule } from './platform.module';
import { Public } from './auth/require-role.decorator';

// Error mapping is under test here, not auth (auth.http.spec.ts covers that).
@Public()
@Controller('things')
class ThingsController {
  @Post()
  create(@Body() body: unknown): { name: string } {
    return z.object({ name: z.string().min(1) }).parse(body);
  }

  @Post('echo')
  echo(@Body() body: unknown): { body: unknown } {
    return { body: body ?? null };
  }

  @Get('stale')
  stale(): never {
    throw new ConflictError('version_conflict', 'Expected version 2, found 3', { details: { expected: 2 } });
  }

  @Get('crash')
  crash(): never {
    throw new Error('secret internals');
  }
}

const config: AssignmentServiceConfig = {
  service: 'assignment-service',
  host: '127.0.0.1',
  port: 0,
  logLevel: 'silent',
  auth: authConfigFrom(undefined),
  kafka: { brokers: ['127.0.0.1:1'], clientId: 'test', ...resolveTopology(), consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3000 } },
};

@Module({})
class TestAppModule {
  static forRoot(): DynamicModule {
    return {
      module: TestAppModule,
      controllers: [ThingsController],
      imports: [
        PlatformModule.forRoot({
          config,
          readiness: {
            useFactory: () => [
              { name: 'kafka', check: async () => undefined },
              { name: 'clickhouse', check: () => Promise.reject(new Error('connection refused')) },
            ],
          },
        }),
      ],
    };
  }
}

describe('PlatformModule over HTTP (no engines)', () => {
  let service: RunningService;

  beforeAll(async () => {
    service = await bootstrapService(TestAppModule.forRoot(), config);
  });

  afterAll(async () => {
    await service.close();
  });

  it('answers 503 on /health/ready when one check is down, naming each check', async () => {
    const res = await fetch(`${service.url}/health/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'unavailable', checks: { kafka: 'up', clickhouse: 'down' } });
  });

  it('ignores a trailing slash, as express did', async () => {
    const res = await fetch(`${service.url}/things/stale/`);
    expect(res.status).toBe(409);
  });

  it('maps a domain conflict to 409 with its code and details', async () => {
    const res = await fetch(`${service.url}/things/stale`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: 'version_conflict', message: 'Expected version 2, found 3', details: { expected: 2 } },
    });
  });

  it('maps a zod failure in a handler to 400 naming the field', async () => {
    const res = await fetch(`${service.url}/things`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '' }),
    });
    const body = (await res.json()) as { error: { code: string; details: { issues: Array<{ path: string }> } } };
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.issues.map((i) => i.path)).toEqual(['name']);
  });

  it('reads an empty JSON body as an empty object, as body-parser did under express', async () => {
    const res = await fetch(`${service.url}/things/echo`, { method: 'POST', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ body: {} });
  });

  it('parses form bodies', async () => {
    const res = await fetch(`${service.url}/things/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'name=ann&tag=a&tag=b',
    });
    expect(await res.json()).toEqual({ body: { name: 'ann', tag: ['a', 'b'] } });
  });

  it('answers an unsupported body type with a JSON 415', async () => {
    const res = await fetch(`${service.url}/things/echo`, { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unsupported_media_type');
  });

  it('labels requests to unknown paths as unmatched', async () => {
    await fetch(`${service.url}/no/such/path`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="unmatched",status="404"\} [1-9]/);
  });

  it('hides an unexpected error behind a 500', async () => {
    const res = await fetch(`${service.url}/things/crash`);
    expect(res.status).toBe(500);
    expect(JSON.stringify(await res.json())).not.toContain('secret internals');
  });

  it('labels the request histogram with the route pattern and status', async () => {
    await fetch(`${service.url}/things/stale`);
    const text = await (await fetch(`${service.url}/metrics`)).text();
    expect(text).toMatch(/http_request_duration_seconds_count\{[^}]*method="GET",route="\/things\/stale",status="409"\} [1-9]/);
  });
});
