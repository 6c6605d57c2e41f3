import { WakeSignal } from './wake-signal';

describe('WakeSignal', () => {
  it('ends a long sleep when woken', async () => {
    const signal = new WakeSignal();
    const sleeping = signal.sleep(60_000);
    signal.wake();
    await expect(sleeping).resolves.toBeUndefined();
  });

  it('remembers a wake that came before the sleep, once', async () => {
    jest.useFakeTimers();
    try {
      const signal = new WakeSignal();
      signal.wake();
      await expect(signal.sleep(60_000)).resolves.toBeUndefined();
      let second = false;
      void signal.sleep(1_000).then(() => (second = true));
      await Promise.resolve();
      expect(second).toBe(false);
      jest.advanceTimersByTime(1_000);
      await Promise.resolve();
      expect(second).toBe(true);
    } finally {
      jest.useRealTimers();
    }
  });
});
