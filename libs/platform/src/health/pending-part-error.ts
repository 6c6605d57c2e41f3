/**
 * Thrown by the readiness check of a part the service starts in the background (a consumer joining
 * its group, a replay): not a failure but "still waiting for", and the message is shown to callers.
 */
export class PendingPartError extends Error {
  constructor(readonly waitingFor: string) {
    super(waitingFor);
    this.name = 'PendingPartError';
  }
}
