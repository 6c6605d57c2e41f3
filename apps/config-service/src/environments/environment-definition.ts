import { EnvironmentSchema, isBuiltInEnvironment } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import type { EntityDefinition } from '../entities/entity-definition';

/** Environments created by API; the built-ins exist from the start and are never written. */
export const environmentDefinition: EntityDefinition = {
  streamType: 'environment',
  eventPrefix: 'Environment',
  toState: (input) => {
    const environment = EnvironmentSchema.parse(input);
    if (isBuiltInEnvironment(environment.key)) {
      throw new ConflictError('already_exists', `environment '${environment.key}' is built in and already exists`, { details: { key: environment.key } });
    }
    return environment;
  },
  referencedTypes: [],
  referenceProblems: () => [],
};
