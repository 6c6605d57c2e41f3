import { configEventDataSchema } from './config-event';

const valid = {
  streamId: 'new-checkout',
  streamType: 'flag',
  version: 3,
  position: 120,
  eventType: 'FlagRolloutChanged',
  payload: { percentage: 10 },
  actor: 'alice@example.com',
};

describe('config.event data', () => {
  it('accepts a complete event and keeps its payload', () => {
    expect(configEventDataSchema.parse(valid).payload).toEqual({ percentage: 10 });
  });

  it('accepts an event without an actor', () => {
    const { actor: _actor, ...withoutActor } = valid;
    expect(configEventDataSchema.safeParse(withoutActor).success).toBe(true);
  });

  it.each([
    ['an unknown stream type', { streamType: 'user' }],
    ['version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['position 0', { position: 0 }],
    ['an empty stream id', { streamId: '' }],
    ['an empty event type', { eventType: '' }],
    ['a payload that is an array', { payload: [1, 2] }],
    ['a missing payload', { payload: undefined }],
  ])('rejects %s', (_label, patch) => {
    expect(configEventDataSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});
