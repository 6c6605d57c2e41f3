import { ExposureBuffer, type ExposureBufferEvents } from './exposure-buffer';
import type { PendingExposure } from './pending-exposure';

const item = (unitId: string): PendingExposure => ({
  data: { experimentKey: 'e', flagKey: 'f', variant: 'on', unitId },
  occurredAtMs: 0,
  dedupKey: unitId,
});

function recorder() {
  const log = { published: 0, rejected: [] as string[], failures: 0 };
  const events: ExposureBufferEvents = {
    published: (n) => (log.published += n),
    rejected: (items) => log.rejected.push(...items.map((i) => i.data.unitId)),
    sendFailed: () => log.failures++,
  };
  return { log, events };
}

describe('ExposureBuffer', () => {
  it('sends everything buffered in batches of batchSize, in order', async () => {
    const sent: string[][] = [];
    const { log, events } = recorder();
    const buffer = new ExposureBuffer({ maxSize: 10, batchSize: 2 }, async (b) => void sent.push(b.map((i) => i.data.unitId)), () => 'retry', events);
    ['a', 'b', 'c'].forEach((u) => buffer.offer(item(u)));
    await buffer.flush();
    expect(sent).toEqual([['a', 'b'], ['c']]);
    expect(log.published).toBe(3);
    expect(buffer.size).toBe(0);
  });

  it('refuses new items when full', () => {
    const buffer = new ExposureBuffer({ maxSize: 2, batchSize: 2 }, async () => undefined, () => 'retry', recorder().events);
    expect(buffer.offer(item('a'))).toBe(true);
    expect(buffer.offer(item('b'))).toBe(true);
    expect(buffer.offer(item('c'))).toBe(false);
    expect(buffer.size).toBe(2);
  });

  it('keeps a batch whose send failed and sends it on the next flush', async () => {
    let down = true;
    const sent: string[] = [];
    const { log, events } = recorder();
    const buffer = new ExposureBuffer(
      { maxSize: 10, batchSize: 5 },
      async (b) => {
        if (down) throw new Error('broker down');
        sent.push(...b.map((i) => i.data.unitId));
      },
      () => 'retry',
      events,
    );
    buffer.offer(item('a'));
    await buffer.flush();
    expect(log.failures).toBe(1);
    expect(buffer.size).toBe(1);
    down = false;
    buffer.offer(item('b'));
    await buffer.flush();
    expect(sent).toEqual(['a', 'b']);
  });

  it('drops only the items classified unsendable and sends the rest', async () => {
    const sent: string[] = [];
    const { log, events } = recorder();
    const buffer = new ExposureBuffer(
      { maxSize: 10, batchSize: 5 },
      async (b) => {
        if (b.some((i) => i.data.unitId === 'bad')) throw new Error('invalid');
        sent.push(...b.map((i) => i.data.unitId));
      },
      (_err, batch) => batch.filter((i) => i.data.unitId === 'bad'),
      events,
    );
    ['a', 'bad', 'c'].forEach((u) => buffer.offer(item(u)));
    await buffer.flush();
    expect(log.rejected).toEqual(['bad']);
    expect(sent).toEqual(['a', 'c']);
  });
});
