import { actorOf, type CallerIdentity } from '@xp/platform';

/** The actor recorded with events: the caller's key id (never the key). */
export function actorFor(caller: CallerIdentity | undefined): string {
  return caller ? actorOf(caller) : 'anonymous';
}
