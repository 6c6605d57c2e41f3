import { Controller, Get, Inject, Query, Res, type BeforeApplicationShutdown } from '@nestjs/common';
import { ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import type { FastifyReply } from 'fastify';
import { environmentOfRequest } from '../environments/request-environment';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { RulesetStore } from '../ruleset/ruleset-store';
import { SseConnection } from './sse-connection';

@ApiTags('ruleset')
@Controller('v1/ruleset/stream')
export class RulesetStreamController implements BeforeApplicationShutdown {
  // Open streams never go idle: the HTTP server would wait for them forever on shutdown.
  private readonly open = new Set<SseConnection>();

  constructor(
    private readonly store: RulesetStore,
    private readonly metrics: AssignmentMetrics,
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
  ) {}

  @Get()
  @RequireRole('sdk')
  @ApiOperation({
    summary: 'Server-sent events of the ruleset',
    description:
      'One environment (as GET /v1/ruleset chooses it). `event: ruleset` with the full `{version, ruleset}` on connect (once the ruleset is ready) and after every applied config change; ' +
      '`: keep-alive` comments in between. A slow client skips intermediate snapshots and gets the latest.',
  })
  @ApiQuery({ name: 'environment', required: false })
  stream(@Query() query: unknown, @Caller() caller: CallerIdentity | undefined, @Res() reply: FastifyReply): void {
    const environment = environmentOfRequest(caller, query);
    // An unknown environment is a 404 before the stream opens; before the replay, the stream waits.
    if (this.store.isReady()) this.store.snapshotFor(environment);
    // The stream outlives the handler: Fastify must not answer or time out this reply itself.
    reply.hijack();
    const res = reply.raw;
    const connection = new SseConnection(res, this.options.sseKeepAliveMs);
    const current = this.store.current(environment);
    if (current) connection.send(current);
    const unsubscribe = this.store.subscribe((snapshot) => connection.send(snapshot), environment);
    this.metrics.streamClients.inc();
    this.open.add(connection);
    res.on('close', () => {
      this.open.delete(connection);
      unsubscribe();
      connection.close();
      this.metrics.streamClients.dec();
    });
  }

  /** Ends every stream before the server closes (clients reconnect to another instance). */
  beforeApplicationShutdown(): void {
    for (const connection of this.open) connection.close();
  }
}
