import { FlagUsageRecorder } from './flag-usage-recorder';

const clock = (start: number) => {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t) };
};

describe('FlagUsageRecorder', () => {
  it('counts evaluations per (flag, environment) with the latest time, and starts a new window on take', () => {
    const time = clock(1_000);
    const recorder = new FlagUsageRecorder(100, time.now);
    recorder.record('checkout', 'production');
    time.set(1_500);
    recorder.record('checkout', 'production', 2);
    recorder.record('checkout', 'staging');
    recorder.record('banner', 'production', 1, 1_200);
    time.set(2_000);
    expect(recorder.take()).toEqual({
      startMs: 1_000,
      endMs: 2_000,
      items: [
        { flagKey: 'checkout', environment: 'production', evaluations: 3, lastEvaluatedAt: new Date(1_500).toISOString() },
        { flagKey: 'checkout', environment: 'staging', evaluations: 1, lastEvaluatedAt: new Date(1_500).toISOString() },
        { flagKey: 'banner', environment: 'production', evaluations: 1, lastEvaluatedAt: new Date(1_200).toISOString() },
      ],
    });
    time.set(3_000);
    expect(recorder.take()).toBeUndefined();
    recorder.record('checkout', 'production');
    expect(recorder.take()?.startMs).toBe(3_000);
  });

  it('keeps the latest time when an earlier one arrives later (an SDK exposure sent late)', () => {
    const recorder = new FlagUsageRecorder(100, () => 5_000);
    recorder.record('f', 'production');
    recorder.record('f', 'production', 1, 4_000);
    expect(recorder.take()?.items[0]).toMatchObject({ evaluations: 2, lastEvaluatedAt: new Date(5_000).toISOString() });
  });

  it('bounds the keys: a new key beyond the bound is not counted but reported; known keys keep counting', () => {
    const recorder = new FlagUsageRecorder(2, () => 1);
    recorder.record('a', 'production');
    recorder.record('b', 'production');
    recorder.record('c', 'production', 5);
    recorder.record('a', 'production');
    expect(recorder.takeDropped()).toBe(5);
    expect(recorder.takeDropped()).toBe(0);
    expect(recorder.take()?.items.map((i) => [i.flagKey, i.evaluations])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });

  it('merges a window that could not be sent into the current one: counts added, latest times kept, the earlier start', () => {
    const time = clock(1_000);
    const recorder = new FlagUsageRecorder(100, time.now);
    recorder.record('a', 'production', 2);
    time.set(2_000);
    const failed = recorder.take()!;
    time.set(2_500);
    recorder.record('a', 'production');
    recorder.record('b', 'staging');
    recorder.merge(failed);
    time.set(3_000);
    expect(recorder.take()).toEqual({
      startMs: 1_000,
      endMs: 3_000,
      items: [
        { flagKey: 'a', environment: 'production', evaluations: 3, lastEvaluatedAt: new Date(2_500).toISOString() },
        { flagKey: 'b', environment: 'staging', evaluations: 1, lastEvaluatedAt: new Date(2_500).toISOString() },
      ],
    });
  });

  it("counts a request's results once each at one time, skipping unknown flags, in the order the keys began", () => {
    const time = clock(1_000);
    const recorder = new FlagUsageRecorder(3, time.now);
    recorder.record('banner', 'staging');
    time.set(1_400);
    recorder.recordResults([{ flagKey: 'checkout' }, { flagKey: 'nope', errorCode: 'FLAG_NOT_FOUND' }, { flagKey: 'banner' }], 'staging');
    recorder.recordResults([{ flagKey: 'checkout' }, { flagKey: 'search' }], 'production');
    expect(recorder.takeDropped()).toBe(1); // 'search' in production was the fourth key
    expect(recorder.take()?.items).toEqual([
      { flagKey: 'banner', environment: 'staging', evaluations: 2, lastEvaluatedAt: new Date(1_400).toISOString() },
      { flagKey: 'checkout', environment: 'staging', evaluations: 1, lastEvaluatedAt: new Date(1_400).toISOString() },
      { flagKey: 'checkout', environment: 'production', evaluations: 1, lastEvaluatedAt: new Date(1_400).toISOString() },
    ]);
  });
});
