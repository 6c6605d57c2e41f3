import { ForbiddenException } from '@nestjs/common';
import type { CallerIdentity } from './api-key-registry';

/**
 * The environment a request asks for: the one its key is scoped to (`name@staging`), else the one it
 * names, else none. A scoped key naming another environment is refused (403): an SDK key of staging
 * can never read or evaluate production.
 */
export function requestedEnvironment(caller: CallerIdentity | undefined, requested: string | undefined): string | undefined {
  const scoped = caller?.environment;
  if (scoped === undefined) return requested;
  if (requested !== undefined && requested !== scoped) {
    throw new ForbiddenException(`This key is scoped to environment '${scoped}'; it cannot use '${requested}'`);
  }
  return scoped;
}

/** As `requestedEnvironment`, with `fallback` when the request names none. */
export function environmentOf(caller: CallerIdentity | undefined, requested: string | undefined, fallback: string): string {
  return requestedEnvironment(caller, requested) ?? fallback;
}
