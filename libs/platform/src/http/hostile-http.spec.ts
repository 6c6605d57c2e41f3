import { resolveTopology } from '@xp/contracts';
import { Body, Controller, Get, Module, Param, Post, type DynamicModule } from '@nestjs/common';
import { authConfigFrom } from '../auth/parse-api-keys';
import { Public } from '../auth/require-role.decorator';
import { bootstrapService, type RunningService } from '../bootstrap/bootstrap-service';
import type { AssignmentServiceConfig } from '../config/service-config';
import { NotFoundError } from '../errors/domain-error';
import { PlatformModule } from '../platform.module';
import { HTTP_LAYER_CASES, rawHttp } from '../testing/raw-http';

@Public()
@Controller('things')
class ThingsController {
  @Post('echo')
  echo(@Body() body: unknown): { body: unknown } {
    return { body: body ?? null };
  }

  @Get('shouting')
  shouting(): never {
    throw new NotFoundError('EXPERIMENT_NOT_FOUND', 'unknown experiment');
  }

  @Get(':id')
  get(@Param('id') id: string): { id: string } {
    return { id };
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
    return { module: TestAppModule, controllers: [ThingsController], imports: [PlatformModule.forRoot({ config })] };
  }
}

describe('errors below the routes and hostile bodies answer in the one JSON error shape (no engines)', () => {
  let service: RunningService;
  const postJson = async (body: string) => {
    const res = await fetch(`${service.url}/things/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { status: res.status, body: (await res.json()) as { error: { code: string; message: string; details?: { issues: Array<{ path: string }> } } } };
  };

  beforeAll(async () => {
    service = await bootstrapService(TestAppModule.forRoot(), config);
  });

  afterAll(async () => {
    await service.close();
  });

  it('serves the OpenAPI document of its routes at /docs-json (bootstrapService does it for every service)', async () => {
    const res = await fetch(`${service.url}/docs-json`);
    const doc = (await res.json()) as { info: { title: string }; paths: Record<string, unknown> };
    expect(res.status).toBe(200);
    expect(doc.info.title).toBe('xp assignment-service');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/things/echo', '/things/{id}']));
  });

  it.each(HTTP_LAYER_CASES)('answers $name from the HTTP parser with $status $code', async ({ request, status, code }) => {
    const reply = await rawHttp(service.url, request);
    expect(reply).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
  });

  it.each([
    { name: 'an over-long path parameter', path: `/things/${'x'.repeat(101)}`, status: 414, code: 'uri_too_long' },
    { name: 'broken percent-encoding', path: '/things/%E0%A4%A', status: 400, code: 'bad_url' },
    { name: 'a NUL character in the path', path: '/things/a%00b', status: 400, code: 'bad_url' },
    { name: 'a NUL character in the query', path: '/things/a?at=%00', status: 400, code: 'bad_url' },
  ])('answers $name from the router with $status $code', async ({ path, status, code }) => {
    const res = await fetch(`${service.url}${path}`);
    expect({ status: res.status, body: await res.json() }).toEqual({ status, body: { error: { code, message: expect.any(String) } } });
  });

  it('still routes a parameter of exactly 100 characters', async () => {
    expect((await fetch(`${service.url}/things/${'x'.repeat(100)}`)).status).toBe(200);
  });

  it.each([
    { key: '__proto__', body: '{"a":{"__proto__":{"admin":true}}}', path: 'a.__proto__' },
    { key: 'constructor.prototype', body: '{"constructor":{"prototype":{"admin":true}}}', path: 'constructor.prototype' },
  ])('refuses a $key key by name, not as invalid JSON', async ({ key, body, path }) => {
    const reply = await postJson(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('json_forbidden_key');
    expect(reply.body.error.message).toContain(`"${key}" is not allowed`);
    expect(reply.body.error.details?.issues[0].path).toBe(path);
  });

  it.each([
    { name: 'JSON nested 20,000 deep', body: '['.repeat(20_000) + ']'.repeat(20_000), code: 'json_too_deep', pathStart: '' },
    { name: 'a NUL character in a string', body: '{"description":"a\\u0000b"}', code: 'json_invalid_string', pathStart: 'description' },
    { name: 'an unpaired surrogate', body: '{"service":"\\udead"}', code: 'json_invalid_string', pathStart: 'service' },
    { name: 'a control character in a key', body: '{"attributes":{"a\\u0007":1}}', code: 'json_invalid_key', pathStart: 'attributes."a\\u0007"' },
    { name: 'a string over 65,536 characters', body: JSON.stringify({ note: 'x'.repeat(65_537) }), code: 'json_string_too_long', pathStart: 'note' },
  ])('answers $name with 400 $code naming the field', async ({ body, code, pathStart }) => {
    const reply = await postJson(body);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe(code);
    expect(reply.body.error.details?.issues[0].path.startsWith(pathStart)).toBe(true);
  });

  it('still reports malformed JSON as malformed_json', async () => {
    const reply = await postJson('{"a":');
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('malformed_json');
  });

  it('spells every error code in lower snake case, whatever the domain error said', async () => {
    const res = await fetch(`${service.url}/things/shouting`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('experiment_not_found');
  });

  it('keeps serving after all of that', async () => {
    expect((await fetch(`${service.url}/health`)).status).toBe(200);
  });
});
