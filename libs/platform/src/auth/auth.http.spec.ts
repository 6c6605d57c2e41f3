import { resolveTopology } from '@xp/contracts';
import { Controller, Get, Module, Post, type DynamicModule } from '@nestjs/common';
import { bootstrapService, type RunningService } from '../bootstrap/bootstrap-service';
import type { AssignmentServiceConfig } from '../config/service-config';
import { PlatformModule } from '../platform.module';
import type { CallerIdentity } from './api-key-registry';
import { Caller } from './caller.decorator';
import { authConfigFrom, parseApiKeys } from './parse-api-keys';
import { RequireRole } from './require-role.decorator';

@Controller('widgets')
class WidgetsController {
  @Get()
  @RequireRole('reader')
  list(@Caller() caller: CallerIdentity): { caller: CallerIdentity } {
    return { caller };
  }

  @Post()
  create(@Caller() caller: CallerIdentity): { caller: CallerIdentity } {
    return { caller };
  }

  @Post('evaluate')
  @RequireRole('sdk')
  evaluate(@Caller() caller: CallerIdentity): { caller: CallerIdentity } {
    return { caller };
  }
}

const parsed = parseApiKeys('admin:adm-secret-1,reader:rd-secret-1,sdk:sdk-secret-1,reader:rd-secret-2');
if (!parsed.ok) throw new Error('test keys are malformed');

const config: AssignmentServiceConfig = {
  service: 'assignment-service',
  host: '127.0.0.1',
  port: 0,
  logLevel: 'info',
  auth: authConfigFrom(parsed.keys),
  kafka: { brokers: ['127.0.0.1:1'], clientId: 'test', ...resolveTopology(), consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3000 } },
};

const logLines: string[] = [];

@Module({})
class AuthTestModule {
  static forRoot(): DynamicModule {
    return {
      module: AuthTestModule,
      controllers: [WidgetsController],
      imports: [PlatformModule.forRoot({ config, logDestination: { write: (line: string) => logLines.push(line) } })],
    };
  }
}

describe('ApiKeyGuard over HTTP', () => {
  let service: RunningService;

  const call = (method: string, path: string, headers: Record<string, string> = {}) =>
    fetch(`${service.url}${path}`, { method, headers });

  beforeAll(async () => {
    service = await bootstrapService(AuthTestModule.forRoot(), config);
  });

  afterAll(async () => {
    await service.close();
  });

  it('answers 401 in the JSON error shape when no key is sent', async () => {
    const res = await call('GET', '/widgets');
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    expect(await res.json()).toEqual({
      error: { code: 'unauthorized', message: 'Missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"' },
    });
  });

  it('answers 401 for a key that is not configured', async () => {
    const res = await call('GET', '/widgets', { authorization: 'Bearer adm-secret-2' });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: { code: 'unauthorized', message: 'Unknown API key' } });
  });

  it('answers 403 naming the needed role when the key has another role', async () => {
    const res = await call('POST', '/widgets', { authorization: 'Bearer rd-secret-1' });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({
      error: { code: 'forbidden', message: 'This endpoint needs role admin; the key has role reader' },
    });
  });

  it('keeps sdk keys to sdk endpoints and reader keys away from them', async () => {
    expect((await call('GET', '/widgets', { 'x-api-key': 'sdk-secret-1' })).status).toBe(403);
    expect((await call('POST', '/widgets/evaluate', { 'x-api-key': 'rd-secret-1' })).status).toBe(403);
    const res = await call('POST', '/widgets/evaluate', { 'x-api-key': 'sdk-secret-1' });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ caller: { role: 'sdk', keyId: 'sdk-1' } });
  });

  it('lets admin through everywhere and tells the controller which key called', async () => {
    const read = await call('GET', '/widgets', { authorization: 'Bearer adm-secret-1' });
    const evaluate = await call('POST', '/widgets/evaluate', { authorization: 'bearer adm-secret-1' });
    expect(read.status).toBe(200);
    expect(evaluate.status).toBe(201);
    expect(await read.json()).toEqual({ caller: { role: 'admin', keyId: 'admin-1' } });
  });

  it('identifies the second key of a role by its own id, via x-api-key', async () => {
    const res = await call('GET', '/widgets', { 'x-api-key': 'rd-secret-2' });
    expect(await res.json()).toEqual({ caller: { role: 'reader', keyId: 'reader-2' } });
  });

  it('keeps health and metrics public', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/health/ready')).status).toBe(200);
    expect((await call('GET', '/metrics')).status).toBe(200);
  });

  it('never writes a presented key to the logs, whichever header carried it', async () => {
    logLines.length = 0;
    await call('GET', '/widgets', { authorization: 'Bearer adm-secret-1' });
    await call('GET', '/widgets', { 'x-api-key': 'rd-secret-1' });
    await call('POST', '/widgets', { authorization: 'Bearer wrong-secret-9' });
    await call('POST', '/widgets', { 'x-api-key': 'sdk-secret-1' });
    const requestLogs = logLines.map((l) => JSON.parse(l) as { req?: { headers?: Record<string, string> } });
    const logged = requestLogs.filter((l) => l.req?.headers !== undefined);
    expect(logged).toHaveLength(4);
    expect(logged.map((l) => l.req?.headers?.authorization ?? l.req?.headers?.['x-api-key'])).toEqual([
      '[redacted]',
      '[redacted]',
      '[redacted]',
      '[redacted]',
    ]);
    expect(logLines.join('\n')).not.toMatch(/secret-\d/);
  });
});
