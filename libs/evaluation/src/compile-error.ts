import { EvaluationErrorCode } from './evaluation-result';

/** A ruleset problem found while compiling one flag; that flag then always evaluates to ERROR. */
export class CompileError extends Error {
  readonly retriable = false;
  constructor(readonly code: EvaluationErrorCode, message: string) {
    super(message);
    this.name = 'CompileError';
  }
}
