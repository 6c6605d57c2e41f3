import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { actorOf, Caller, RequireRole, type CallerIdentity } from '@xp/platform';
import { OperatorCommandSchema, type OperatorAction } from './operator-command.schema';
import { OperatorsService, type OperatorResult } from './operators.service';

@ApiTags('operators')
@Controller('v1/rollouts/:experiment')
@RequireRole('admin')
export class OperatorsController {
  constructor(@Inject(OperatorsService) private readonly operators: OperatorsService) {}

  @Post('pause')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pause automation: later decisions are recorded, and the latest one is applied on resume' })
  pause(@Param('experiment') key: string, @Body() body: unknown, @Caller() caller?: CallerIdentity): Promise<OperatorResult> {
    return this.run('pause', key, body, caller);
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume automation and apply the latest decision received while paused' })
  resume(@Param('experiment') key: string, @Body() body: unknown, @Caller() caller?: CallerIdentity): Promise<OperatorResult> {
    return this.run('resume', key, body, caller);
  }

  @Post('rollback')
  @HttpCode(200)
  @ApiOperation({ summary: 'Force a rollback: 0 %, flag kill switch, blue active' })
  rollback(@Param('experiment') key: string, @Body() body: unknown, @Caller() caller?: CallerIdentity): Promise<OperatorResult> {
    return this.run('rollback', key, body, caller);
  }

  @Post('approve')
  @HttpCode(200)
  @ApiOperation({ summary: 'Approve the next stage when the policy requires approval' })
  approve(@Param('experiment') key: string, @Body() body: unknown, @Caller() caller?: CallerIdentity): Promise<OperatorResult> {
    return this.run('approve', key, body, caller);
  }

  private run(action: OperatorAction, key: string, body: unknown, caller?: CallerIdentity): Promise<OperatorResult> {
    const { reason } = OperatorCommandSchema.parse(body ?? undefined);
    return this.operators.act(key, action, caller ? actorOf(caller) : 'operator', reason);
  }
}
