import { StopSignal, STOPPED } from './stop-signal';

describe('StopSignal', () => {
  it("gives the work's value, or its error, when the work settles first", async () => {
    const signal = new StopSignal();
    await expect(signal.race(Promise.resolve(42))).resolves.toBe(42);
    await expect(signal.race(Promise.reject(new Error('broken')))).rejects.toThrow('broken');
  });

  it('resolves pending races to STOPPED when fired, and every later race at once', async () => {
    const signal = new StopSignal();
    const never = new Promise<number>(() => undefined);
    const pending = signal.race(never);
    signal.fire();
    await expect(pending).resolves.toBe(STOPPED);
    await expect(signal.race(Promise.resolve(1))).resolves.toBe(STOPPED);
    expect(signal.stopped).toBe(true);
  });

  it('keeps nothing registered once the raced work settled, however many races ran', async () => {
    const signal = new StopSignal();
    for (let i = 0; i < 10_000; i++) await signal.race(Promise.resolve(i));
    await expect(signal.race(Promise.reject(new Error('x')))).rejects.toThrow('x');
    expect(signal.waiting).toBe(0);
    // A race still in flight is the only thing it holds.
    let finish: () => void = () => undefined;
    const inFlight = signal.race(new Promise<void>((resolve) => (finish = resolve)));
    expect(signal.waiting).toBe(1);
    finish();
    await inFlight;
    expect(signal.waiting).toBe(0);
  });
});
