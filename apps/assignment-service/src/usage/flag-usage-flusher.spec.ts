import { FLAG_USAGE_MAX_ITEMS } from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';
import { FlagUsageFlusher, type FlushOutcome } from './flag-usage-flusher';
import { FlagUsageRecorder } from './flag-usage-recorder';

function setup(maxPendingWindows = 10) {
  let now = 1_000;
  const recorder = new FlagUsageRecorder(10_000, () => now);
  const sent: OutgoingRecord<'flag.usage'>[][] = [];
  let failing = false;
  const outcomes: Record<FlushOutcome, number> = { flushed: 0, failed: 0, merged: 0 };
  const flusher = new FlagUsageFlusher(
    recorder,
    'instance-1',
    async (records) => {
      sent.push(records);
      if (failing) throw new Error('kafka down');
    },
    maxPendingWindows,
    { windows: (outcome, n) => (outcomes[outcome] += n), dropped: () => undefined, failed: () => undefined },
  );
  return {
    recorder,
    flusher,
    sent,
    outcomes,
    tick: (ms: number) => (now += ms),
    fail: (on: boolean) => (failing = on),
  };
}

const counts = (records: OutgoingRecord<'flag.usage'>[]) =>
  records.flatMap((r) => r.envelope.data.items.map((i) => `${i.flagKey}@${i.environment}=${i.evaluations}`));

describe('FlagUsageFlusher', () => {
  it('sends nothing when nothing was evaluated', async () => {
    const { flusher, sent } = setup();
    await flusher.flush();
    expect(sent).toEqual([]);
  });

  it('sends one flag.usage message per window, keyed by source, with an id fixed by (source, window)', async () => {
    const { recorder, flusher, sent, tick, outcomes } = setup();
    recorder.record('a', 'production', 3);
    tick(60_000);
    await flusher.flush();
    expect(sent).toHaveLength(1);
    const [record] = sent[0];
    expect(record.key).toBe('instance-1');
    expect(record.envelope).toMatchObject({
      type: 'flag.usage',
      occurredAt: new Date(61_000).toISOString(),
      data: { source: 'instance-1', windowStart: new Date(1_000).toISOString(), windowEnd: new Date(61_000).toISOString() },
    });
    expect(counts(sent[0])).toEqual(['a@production=3']);
    expect(outcomes.flushed).toBe(1);
  });

  it('keeps a window whose send failed and resends it unchanged (same id) beside the next one', async () => {
    const { recorder, flusher, sent, tick, fail, outcomes } = setup();
    recorder.record('a', 'production', 2);
    tick(1_000);
    fail(true);
    await flusher.flush();
    expect(flusher.pendingWindows).toBe(1);
    recorder.record('a', 'production');
    tick(1_000);
    fail(false);
    await flusher.flush();
    expect(sent).toHaveLength(2);
    const [retried, next] = sent[1];
    expect(retried.envelope).toEqual(sent[0][0].envelope);
    expect(next.envelope.id).not.toBe(retried.envelope.id);
    expect(counts(sent[1])).toEqual(['a@production=2', 'a@production=1']);
    expect(flusher.pendingWindows).toBe(0);
    expect(outcomes).toEqual({ flushed: 2, failed: 1, merged: 0 });
    await flusher.flush();
    expect(sent).toHaveLength(2);
  });

  it('bounds the failed windows kept: beyond the bound the oldest is merged into the next window', async () => {
    const { recorder, flusher, sent, tick, fail, outcomes } = setup(2);
    fail(true);
    for (const n of [1, 2, 3]) {
      recorder.record('a', 'production', n);
      tick(1_000);
      await flusher.flush();
    }
    // Window 1 was merged into window 3 before it was sent; never more than two kept.
    expect(flusher.pendingWindows).toBe(2);
    expect(outcomes.merged).toBe(1);
    fail(false);
    await flusher.flush();
    expect(counts(sent[sent.length - 1])).toEqual(['a@production=2', 'a@production=4']);
    expect(flusher.pendingWindows).toBe(0);
  });

  it('splits a window with more items than one message carries, each part with its own id', async () => {
    const { recorder, flusher, sent } = setup();
    for (let i = 0; i <= FLAG_USAGE_MAX_ITEMS; i++) recorder.record(`flag-${i}`, 'production');
    await flusher.flush();
    expect(sent[0].map((r) => r.envelope.data.items.length)).toEqual([FLAG_USAGE_MAX_ITEMS, 1]);
    expect(new Set(sent[0].map((r) => r.envelope.id)).size).toBe(2);
  });

  it('never runs two flushes at once', async () => {
    const { recorder, flusher, sent } = setup();
    recorder.record('a', 'production');
    await Promise.all([flusher.flush(), flusher.flush()]);
    expect(sent).toHaveLength(1);
  });
});
