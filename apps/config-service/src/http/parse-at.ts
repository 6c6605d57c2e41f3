import { isIsoDate } from '@xp/contracts';
import { InvalidInputError } from '@xp/platform';

/** `?at=<ISO 8601 time>` for time travel; undefined when absent. */
export function parseAt(at: string | undefined): Date | undefined {
  if (at === undefined) return undefined;
  if (!isIsoDate(at)) {
    throw new InvalidInputError('invalid_time', `at must be an ISO 8601 time such as 2024-05-01T10:00:00Z, got ${JSON.stringify(at.slice(0, 60))}`, {
      details: { issues: [{ path: 'at', message: 'expected an ISO 8601 time' }] },
    });
  }
  return new Date(at);
}
