import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENT, readFlagState, type Rule, type Variant } from '@xp/contracts';
import { InvalidInputError } from '@xp/platform';
import { EntityCommandService, type CommandOptions } from '../entities/entity-command.service';
import { decideCreate, decideUpdate, requireLive } from '../entities/entity-decider';
import { ENTITY_DEFINITIONS } from '../entities/entity-definitions';
import { EVENT_STORE, type EventStore } from '../event-store/event-store';
import { presentFlag } from '../flags/flag-environments';
import type { EntityView } from '../projections/entity-view';
import type { GuardedRolloutCommand } from './guarded-rollout.schema';

export interface GuardedRolloutResult {
  flag: EntityView;
  experiment: EntityView;
  environment: string;
}

const flagDefinition = ENTITY_DEFINITIONS.flag;
const experimentDefinition = ENTITY_DEFINITIONS.experiment;

/**
 * A guarded rollout in one call, in one transaction of events: create the flag when its body is given,
 * create the experiment on it in the environment, put a rule running the experiment first in that
 * environment's rules (and switch the flag on there), start the experiment. Any refusal (400, 409, 422)
 * leaves nothing written. The four-call route (flag, experiment, flag rule, start) stays as it was.
 */
@Injectable()
export class GuardedRolloutService {
  constructor(
    @Inject(EntityCommandService) private readonly commands: EntityCommandService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  create(command: GuardedRolloutCommand, actor: string, comment: string | undefined): Promise<GuardedRolloutResult> {
    const environment = command.environment ?? DEFAULT_ENVIRONMENT;
    const options: CommandOptions = { actor, comment, environment };
    const flagKey = typeof command.flag === 'string' ? command.flag : String(command.flag.key ?? '');
    const experimentKey = String(command.experiment.key ?? '');
    requireKeys(flagKey, experimentKey);
    return this.store.write(async (session) => {
      if (typeof command.flag !== 'string') {
        const body = command.flag;
        await this.commands.writeIn(session, flagDefinition, flagKey, (current) => decideCreate(flagDefinition, current, body, { environment }), { ...options, expectedVersion: 0 });
      }
      const flagState = requireLive(flagDefinition, flagKey, await session.get('flag', flagKey)).state;
      const experimentBody = { variants: defaultVariants(flagState), ...command.experiment, flagKey, environment };
      const experiment = await this.commands.writeIn(
        session,
        experimentDefinition,
        experimentKey,
        (current) => decideCreate(experimentDefinition, current, experimentBody),
        { ...options, expectedVersion: 0 },
      );
      const flag = await this.commands.writeIn(session, flagDefinition, flagKey, (current) => {
        const view = presentFlag(requireLive(flagDefinition, flagKey, current).state, environment);
        const rules = [{ id: `experiment-${experiment.key}`, experimentKey: experiment.key }, ...(view.rules as Rule[])];
        return decideUpdate(flagDefinition, flagKey, current, { ...view, enabled: true, rules }, { environment });
      }, options);
      if (!command.start) return { flag, experiment, environment };
      const start = experimentDefinition.commands?.start;
      if (!start) throw new Error('experiments have no start command');
      const started = await this.commands.writeIn(session, experimentDefinition, experimentKey, (current) => start(current, experimentKey, undefined), options);
      return { flag, experiment: started, environment };
    });
  }
}

/** The flag's variants, its off variant the control, weights split evenly (basis points summing to 10,000). */
function defaultVariants(flagState: Record<string, unknown>): Array<{ key: string; weight: number; control?: true }> {
  const { variants, offVariant } = readFlagState(flagState);
  const share = Math.floor(10_000 / variants.length);
  return variants.map((variant: Variant, i) => ({
    key: variant.key,
    weight: i === 0 ? 10_000 - share * (variants.length - 1) : share,
    ...(variant.key === offVariant ? { control: true as const } : {}),
  }));
}

/** Both bodies name their entity: 400 naming each missing key. */
function requireKeys(flagKey: string, experimentKey: string): void {
  const missing = [...(flagKey ? [] : ['flag.key']), ...(experimentKey ? [] : ['experiment.key'])];
  if (missing.length > 0) {
    throw new InvalidInputError('validation_failed', `Missing ${missing.join(', ')}`, { details: { issues: missing.map((path) => ({ path, message: 'required' })) } });
  }
}
