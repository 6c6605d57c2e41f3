import { ProduceTimeoutError, withinAckTimeout } from './produce-timeout-error';

describe('withinAckTimeout', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('resolves with the send when Kafka acknowledges in time', async () => {
    await expect(withinAckTimeout(Promise.resolve('ack'), 'xp.events', 1000)).resolves.toBe('ack');
  });

  it('rejects with a retriable ProduceTimeoutError once the bound passes without an acknowledgement', async () => {
    const pending = withinAckTimeout(new Promise(() => undefined), 'xp.events', 1000);
    const outcome = pending.catch((e: unknown) => e);
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    jest.advanceTimersByTime(1);
    const error = (await outcome) as ProduceTimeoutError;
    expect(error).toBeInstanceOf(ProduceTimeoutError);
    expect(error).toMatchObject({ retriable: true, topic: 'xp.events', timeoutMs: 1000 });
  });

  it('passes the failure of the send through, and swallows one that comes after the timeout', async () => {
    await expect(withinAckTimeout(Promise.reject(new Error('broker down')), 't', 1000)).rejects.toThrow('broker down');
    let fail!: (e: Error) => void;
    const late = withinAckTimeout(new Promise((_, reject) => (fail = reject)), 't', 10);
    jest.advanceTimersByTime(10);
    await expect(late).rejects.toBeInstanceOf(ProduceTimeoutError);
    fail(new Error('too late')); // would be an unhandled rejection if not swallowed
    await Promise.resolve();
  });
});
