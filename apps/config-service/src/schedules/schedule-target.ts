import { scheduleTarget, type ScheduledChange } from '@xp/contracts';
import { InvalidInputError, NotFoundError, UnprocessableError } from '@xp/platform';
import { z } from 'zod';
import type { Decide } from '../entities/entity-command.service';
import { decideUpdate } from '../entities/entity-decider';
import type { EntityDefinition } from '../entities/entity-definition';
import { ENTITY_DEFINITIONS } from '../entities/entity-definitions';

export interface TargetWrite {
  definition: EntityDefinition;
  key: string;
  decide: Decide;
  environment?: string;
}

/** The target's write a change stands for, decided by the target's own rules (the same ones its REST route uses). */
export function targetWriteOf(change: ScheduledChange): TargetWrite {
  const { streamType, key } = scheduleTarget(change);
  const definition = ENTITY_DEFINITIONS[streamType];
  const environment = 'environment' in change ? change.environment : undefined;
  const command = (name: string, input: Record<string, unknown> | undefined): Decide => {
    const decide = definition.commands?.[name];
    if (!decide) throw new Error(`${streamType} has no command '${name}'`);
    return (current) => decide(current, key, input, { environment });
  };
  switch (change.kind) {
    case 'flag.replace':
      return { definition, key, environment: change.environment, decide: (current) => decideUpdate(definition, key, current, change.flag, { environment }) };
    case 'flag.kill-switch':
      return { definition, key, environment: change.environment, decide: command('kill-switch', { enabled: change.enabled }) };
    case 'experiment.start':
      return { definition, key, decide: command('start', undefined) };
  }
}

/**
 * An error of the dry run, as the schedule's client should see it: field paths relative to the
 * schedule body (`change.flag.variants.0.key`, not `variants.0.key`), and an unknown target as a 422
 * on `change.flagKey` / `change.experimentKey` (the schedule names it; it is not the resource asked for).
 */
export function asScheduleError(err: unknown, change: ScheduledChange): unknown {
  const prefix = change.kind === 'flag.replace' ? 'change.flag' : 'change';
  const prefixed = (path: string) => (path ? `${prefix}.${path}` : prefix);
  if (err instanceof z.core.$ZodError) {
    const issues = err.issues.map((issue) => ({ path: prefixed(issue.path.map(String).join('.')), message: issue.message }));
    const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
    return new InvalidInputError('validation_failed', `Invalid request: ${summary}`, { details: { issues } });
  }
  if (err instanceof NotFoundError) {
    const { streamType, key } = scheduleTarget(change);
    const path = streamType === 'flag' ? 'change.flagKey' : 'change.experimentKey';
    return new UnprocessableError('unknown_reference', `Invalid references: ${path}: unknown ${streamType} '${key}'`, {
      details: { issues: [{ path, message: `unknown ${streamType} '${key}'` }] },
    });
  }
  const issues = (err as { details?: { issues?: unknown } })?.details?.issues;
  if ((err instanceof InvalidInputError || err instanceof UnprocessableError) && Array.isArray(issues)) {
    const moved = issues.map((issue: { path?: string }) => ({ ...issue, path: prefixed(issue.path ?? '') }));
    const Kind = err instanceof InvalidInputError ? InvalidInputError : UnprocessableError;
    return new Kind(err.code, err.message, { details: { ...err.details, issues: moved } });
  }
  return err;
}
