import { OffsetBarrier } from './offset-barrier';

describe('OffsetBarrier', () => {
  it('resolves at once when the targets are already consumed, or are empty partitions', async () => {
    const barrier = new OffsetBarrier();
    barrier.consumed(0, '9');
    await expect(barrier.waitFor(new Map([[0, 10n], [1, 0n]]), 1000)).resolves.toBe(true);
  });

  it('resolves once every partition reached its target', async () => {
    const barrier = new OffsetBarrier();
    const waiting = barrier.waitFor(new Map([[0, 3n], [1, 5n]]), 10_000);
    barrier.consumed(0, '2');
    barrier.consumed(1, '3');
    barrier.consumed(1, '4');
    await expect(waiting).resolves.toBe(true);
  });

  it('names the partitions still short of their target', () => {
    const barrier = new OffsetBarrier();
    barrier.consumed(0, '4');
    expect([...barrier.remaining(new Map([[0, 5n], [1, 2n]]))]).toEqual([[1, 2n]]);
    expect(barrier.reached(new Map([[0, 5n]]))).toBe(true);
  });

  it('resolves false when the targets are not reached in time, or when closed', async () => {
    const barrier = new OffsetBarrier();
    await expect(barrier.waitFor(new Map([[0, 1n]]), 10)).resolves.toBe(false);
    const waiting = barrier.waitFor(new Map([[0, 1n]]), 10_000);
    barrier.close();
    await expect(waiting).resolves.toBe(false);
  });
});
