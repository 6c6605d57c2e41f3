/**
 * What went wrong, in domain terms. The exception filter maps each kind to an HTTP status;
 * domain code never names a status.
 */
export type DomainErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unprocessable' | 'unavailable';

export interface DomainErrorOptions {
  retriable?: boolean;
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** Base of every typed error: a stable `code` clients can switch on, and whether retrying may help. */
export class DomainError extends Error {
  readonly retriable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    readonly kind: DomainErrorKind,
    readonly code: string,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? kind === 'unavailable';
    this.details = options.details;
  }
}

type Subclass = Omit<DomainErrorOptions, 'retriable'>;

/** Input that can never be valid (400). */
export class InvalidInputError extends DomainError {
  constructor(code: string, message: string, options: Subclass = {}) {
    super('invalid', code, message, options);
  }
}

export class NotFoundError extends DomainError {
  constructor(code: string, message: string, options: Subclass = {}) {
    super('not_found', code, message, options);
  }
}

/** The request raced another change, e.g. a stale expected version (409). */
export class ConflictError extends DomainError {
  constructor(code: string, message: string, options: Subclass = {}) {
    super('conflict', code, message, options);
  }
}

/** Well-formed input that breaks a domain rule (422). */
export class UnprocessableError extends DomainError {
  constructor(code: string, message: string, options: Subclass = {}) {
    super('unprocessable', code, message, options);
  }
}

/** A dependency is down; retrying later may succeed (503). */
export class UnavailableError extends DomainError {
  constructor(code: string, message: string, options: Subclass = {}) {
    super('unavailable', code, message, { ...options, retriable: true });
  }
}
