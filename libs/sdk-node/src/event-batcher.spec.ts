import { EventBatcher, EventBatcherOptions } from './event-batcher';
import { silentLogger } from './logger';
import { XpSdkError } from './sdk-error';
import { FakeClock, settle } from './testing/fake-clock';

function setup(send: (batch: number[]) => Promise<void>, overrides: Partial<EventBatcherOptions<number>> = {}) {
  const clock = new FakeClock();
  const batcher = new EventBatcher<number>({
    name: 'items', send, clock, logger: silentLogger, random: () => 0.5,
    maxBatchSize: 3, maxBufferSize: 5, flushIntervalMs: 1000, maxAttempts: 3, retryBackoff: { initialMs: 100, maxMs: 1000, jitter: 'full' },
    ...overrides,
  });
  return { clock, batcher };
}

describe('EventBatcher', () => {
  it('sends a batch as soon as it reaches the maximum batch size', async () => {
    const sent: number[][] = [];
    const { batcher } = setup(async (b) => void sent.push(b));
    [1, 2, 3].forEach((i) => batcher.add(i));
    await settle();
    expect(sent).toEqual([[1, 2, 3]]);
    expect(batcher.stats()).toMatchObject({ buffered: 0, sent: 3 });
  });

  it('sends a partial batch when the flush interval elapses', async () => {
    const sent: number[][] = [];
    const { clock, batcher } = setup(async (b) => void sent.push(b));
    batcher.add(1);
    await clock.advance(999);
    expect(sent).toEqual([]);
    await clock.advance(1);
    expect(sent).toEqual([[1]]);
    batcher.add(2);
    await clock.advance(1000);
    expect(sent).toEqual([[1], [2]]);
  });

  it('drops the oldest items beyond the buffer bound and counts them', async () => {
    const sent: number[][] = [];
    const { batcher } = setup(async (b) => void sent.push(b), { maxBatchSize: 100 });
    [1, 2, 3, 4, 5, 6, 7].forEach((i) => batcher.add(i));
    expect(batcher.stats()).toMatchObject({ buffered: 5, dropped: 2 });
    await batcher.close();
    expect(sent).toEqual([[3, 4, 5, 6, 7]]);
  });

  it('retries a batch after a retriable failure and then delivers it', async () => {
    let calls = 0;
    const sent: number[][] = [];
    const { clock, batcher } = setup(async (b) => {
      if (++calls < 3) throw new XpSdkError('http_error', '503', true, 503);
      sent.push(b);
    });
    batcher.add(1);
    const flushed = batcher.flush();
    await clock.advance(50); // first retry after 0.5 * 100 ms
    expect(calls).toBe(2);
    await clock.advance(100); // second retry after 0.5 * 200 ms
    await flushed;
    expect(sent).toEqual([[1]]);
    expect(batcher.stats()).toMatchObject({ sent: 1, failed: 0 });
  });

  it('gives up on a batch after the maximum attempts and counts it as failed', async () => {
    let calls = 0;
    const { clock, batcher } = setup(async () => {
      calls++;
      throw new XpSdkError('network_error', 'down', true);
    });
    batcher.add(1);
    const flushed = batcher.flush();
    await clock.advance(10_000);
    await flushed;
    expect(calls).toBe(3);
    expect(batcher.stats()).toMatchObject({ failed: 1, buffered: 0 });
  });

  it('does not retry a batch the server rejected with a 4xx', async () => {
    let calls = 0;
    const { batcher } = setup(async () => {
      calls++;
      throw new XpSdkError('http_error', '400', false, 400);
    });
    batcher.add(1);
    await batcher.flush();
    expect(calls).toBe(1);
    expect(batcher.stats()).toMatchObject({ failed: 1 });
  });

  it('flushes everything on close, in batches, and stops its timer', async () => {
    const sent: number[][] = [];
    const { clock, batcher } = setup(async (b) => void sent.push(b), { maxBatchSize: 2, maxBufferSize: 10 });
    batcher.add(1);
    await settle();
    await batcher.close();
    expect(sent).toEqual([[1]]);
    expect(clock.pendingTimers).toBe(0);
  });
});
