/** A failure the demo reports in one line (an API answering unexpectedly, a scenario not ending as planned). */
export class DemoError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retriable = false,
  ) {
    super(message);
    this.name = 'DemoError';
  }
}
