import { ConflictError } from '@xp/platform';
import type { RolloutStatus } from './rollout-state';

/** An operator action that the rollout's current status does not allow (409). */
export class RolloutConflictError extends ConflictError {
  constructor(code: string, message: string, status: RolloutStatus) {
    super(code, message, { details: { status } });
  }
}
