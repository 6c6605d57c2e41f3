import { isBuiltInEnvironment } from '@xp/contracts';
import type { ReferenceLookup, ReferenceProblem } from '../entities/entity-definition';
import { isLive } from '../entities/reference-helpers';

/** Whether `environment` exists: built in, or created by API and not archived. */
export function environmentExists(environment: string, lookup: ReferenceLookup): boolean {
  return isBuiltInEnvironment(environment) || isLive(lookup, 'environment', environment);
}

export function environmentProblems(environment: string, path: string, lookup: ReferenceLookup): ReferenceProblem[] {
  return environmentExists(environment, lookup) ? [] : [{ path, message: `unknown environment '${environment}'` }];
}
