import { resolveTopology } from '@xp/contracts';
import { BadRequestException, Controller, Get, Module, Query, type DynamicModule } from '@nestjs/common';
import { Public } from '../auth/require-role.decorator';
import { authConfigFrom } from '../auth/parse-api-keys';
import { bootstrapService, type RunningService } from '../bootstrap/bootstrap-service';
import type { AssignmentServiceConfig } from '../config/service-config';
import { PlatformModule } from '../platform.module';

@Public()
@Controller()
class RoutesController {
  @Get('hot')
  hot(@Query('fail') fail?: string): { ok: true } {
    if (fail === 'client') throw new BadRequestException('bad hot input');
    if (fail === 'server') throw new Error('boom');
    return { ok: true };
  }

  @Get('cold')
  cold(): { ok: true } {
    return { ok: true };
  }
}

const config: AssignmentServiceConfig = {
  service: 'assignment-service',
  host: '127.0.0.1',
  port: 0,
  logLevel: 'info',
  auth: authConfigFrom(undefined),
  kafka: { brokers: ['127.0.0.1:1'], clientId: 'test', ...resolveTopology(), consumer: { sessionTimeoutMs: 10_000, heartbeatIntervalMs: 3000 } },
};

const lines: string[] = [];

@Module({})
class QuietTestModule {
  static forRoot(): DynamicModule {
    return {
      module: QuietTestModule,
      controllers: [RoutesController],
      imports: [PlatformModule.forRoot({ config, quietRoutes: ['hot'], logDestination: { write: (line: string) => lines.push(line) } })],
    };
  }
}

interface LogLine {
  level: number;
  msg: string;
  req?: { url: string; headers: Record<string, string> };
  res?: { statusCode: number };
}

describe('PlatformModule quietRoutes', () => {
  let service: RunningService;
  const accessLines = () => (lines.map((l) => JSON.parse(l) as LogLine)).filter((l) => l.req !== undefined && l.res !== undefined);
  const get = async (path: string) => {
    lines.length = 0;
    const res = await fetch(`${service.url}${path}`, { headers: { authorization: 'Bearer some-secret-key' } });
    await res.text();
    // The access line is written on 'finish', which can trail the response by a tick.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return res.status;
  };

  beforeAll(async () => {
    service = await bootstrapService(QuietTestModule.forRoot(), config);
  });

  afterAll(async () => {
    await service.close();
  });

  it('writes no access line for a successful request to a quiet route', async () => {
    expect(await get('/hot')).toBe(200);
    expect(accessLines()).toEqual([]);
  });

  it('still logs a quiet route answering 4xx at warn, with the key redacted', async () => {
    expect(await get('/hot?fail=client')).toBe(400);
    const [line] = accessLines();
    expect(line).toMatchObject({ level: 40, msg: 'request completed', req: { url: '/hot?fail=client' }, res: { statusCode: 400 } });
    expect(line.req?.headers.authorization).toBe('[redacted]');
    expect(lines.join('\n')).not.toContain('some-secret-key');
  });

  it('still logs a quiet route answering 5xx at error', async () => {
    expect(await get('/hot?fail=server')).toBe(500);
    expect(accessLines()).toMatchObject([{ level: 50, msg: 'request errored', res: { statusCode: 500 } }]);
  });

  it('keeps the info access line on other routes', async () => {
    expect(await get('/cold')).toBe(200);
    expect(accessLines()).toMatchObject([{ level: 30, msg: 'request completed', req: { url: '/cold' }, res: { statusCode: 200 } }]);
  });
});
