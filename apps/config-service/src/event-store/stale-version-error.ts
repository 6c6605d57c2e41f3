import { ConflictError } from '@xp/platform';
import type { AppendCommand } from './event-store';

/** 409 for an append based on an outdated version (`actual` unknown when a concurrent insert lost the race). */
export function staleVersionError(command: Pick<AppendCommand, 'streamType' | 'key' | 'expectedVersion'>, actual: number | undefined): ConflictError {
  const entity = `${command.streamType} '${command.key}'`;
  if (command.expectedVersion === 0 && actual !== 0) {
    return new ConflictError('already_exists', `${entity} already exists`, { details: { key: command.key } });
  }
  const found = actual === undefined ? 'it was changed concurrently' : `it is at version ${actual}`;
  return new ConflictError('version_conflict', `Expected version ${command.expectedVersion} of ${entity} but ${found}`, {
    details: { expectedVersion: command.expectedVersion, ...(actual === undefined ? {} : { actualVersion: actual }) },
  });
}
