export type XpSdkErrorCode = 'network_error' | 'http_error' | 'invalid_response' | 'invalid_event' | 'not_ready' | 'closed';

/** Typed SDK error: `retriable` says whether sending the same request again may succeed. */
export class XpSdkError extends Error {
  constructor(
    readonly code: XpSdkErrorCode,
    message: string,
    readonly retriable: boolean,
    /** HTTP status of the response, for `http_error`. */
    readonly status?: number,
  ) {
    super(message);
    this.name = 'XpSdkError';
  }
}

export function isRetriable(error: unknown): boolean {
  return error instanceof XpSdkError ? error.retriable : true;
}
