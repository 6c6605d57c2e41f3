import { CatchUpTracker } from './catch-up-tracker';

describe('CatchUpTracker', () => {
  it('is caught up at once when the topic was empty at start-up', () => {
    expect(new CatchUpTracker([{ partition: 0, high: '0' }]).caughtUp).toBe(true);
  });

  it('is caught up only once the last record before the start-up high watermark was consumed', () => {
    const tracker = new CatchUpTracker([{ partition: 0, high: '10' }]);
    expect(tracker.consumed(0, '5')).toBe(false);
    expect(tracker.describe()).toBe('partition 0 until offset 10');
    expect(tracker.consumed(0, '9')).toBe(true);
  });

  it('waits for every partition', () => {
    const tracker = new CatchUpTracker([
      { partition: 0, high: '3' },
      { partition: 1, high: '2' },
    ]);
    expect(tracker.consumed(0, '2')).toBe(false);
    expect(tracker.consumed(1, '1')).toBe(true);
  });
});
