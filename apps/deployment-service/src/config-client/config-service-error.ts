import { DomainError } from '@xp/platform';

/**
 * A call to config-service that did not succeed. Retriable when config-service is unreachable,
 * failing (5xx, 429) or raced by another writer (409 version_conflict); otherwise it refused for good.
 */
export class ConfigServiceError extends DomainError {
  constructor(
    readonly status: number | undefined,
    readonly remoteCode: string,
    message: string,
    retriable: boolean,
    cause?: unknown,
  ) {
    super(retriable ? 'unavailable' : 'conflict', `config_service_${remoteCode}`, message, { cause, retriable, details: { status, remoteCode } });
  }
}

export function isRetriableStatus(status: number, remoteCode: string): boolean {
  return status >= 500 || status === 429 || status === 408 || (status === 409 && remoteCode === 'version_conflict');
}
