import { backoffDelay } from '@xp/contracts';
import { BackgroundStarter, DEFAULT_START_BACKOFF } from './background-starter';

function recordingLogger() {
  const warnings: Record<string, unknown>[] = [];
  return { warnings, logger: { warn: (context: Record<string, unknown>) => warnings.push(context) } };
}

describe('BackgroundStarter', () => {
  it('retries a failing start until it succeeds, logging each failure with its attempt', async () => {
    let calls = 0;
    const { warnings, logger } = recordingLogger();
    const starter = new BackgroundStarter(
      'ingestion',
      async () => {
        calls++;
        if (calls < 3) throw new Error(`down ${calls}`);
      },
      logger,
      { initialMs: 1, maxMs: 1 },
    );
    await starter.begin();
    expect(calls).toBe(3);
    expect(warnings.map((w) => [w.attempt, (w.err as Error).message, w.msg])).toEqual([
      [1, 'down 1', 'ingestion could not start; retrying'],
      [2, 'down 2', 'ingestion could not start; retrying'],
    ]);
  });

  it('stop() ends a long wait at once and no attempt follows', async () => {
    let calls = 0;
    const { logger } = recordingLogger();
    const starter = new BackgroundStarter(
      'loop',
      async () => {
        calls++;
        throw new Error('down');
      },
      logger,
      { initialMs: 3_600_000, maxMs: 3_600_000 },
    );
    const done = starter.begin();
    await new Promise((resolve) => setImmediate(resolve));
    await starter.stop();
    await done;
    expect(calls).toBe(1);
    expect(starter.stopped).toBe(true);
  });

  it('stop() waits for the attempt in progress', async () => {
    let release!: () => void;
    let finished = false;
    const { logger } = recordingLogger();
    const starter = new BackgroundStarter(
      'loop',
      async () => {
        await new Promise<void>((resolve) => (release = resolve));
        finished = true;
      },
      logger,
    );
    void starter.begin();
    await new Promise((resolve) => setImmediate(resolve));
    const stopping = starter.stop();
    let stopped = false;
    void stopping.then(() => (stopped = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(finished).toBe(true);
  });

  it('waits 2 s, 4 s, ... and at most 30 s by default', () => {
    expect([1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a, DEFAULT_START_BACKOFF))).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('is a pending part of readiness until started, then what afterStart still misses', async () => {
    let fail = true;
    let joined = false;
    const { logger } = recordingLogger();
    const starter = new BackgroundStarter('decision consumer', async () => { if (fail) throw new Error('down'); }, logger, { initialMs: 1, maxMs: 1 });
    const check = starter.readiness(undefined, () => (joined ? null : 'joining the consumer group'));
    expect(check.name).toBe('decision consumer');
    await expect(check.check()).rejects.toMatchObject({ name: 'PendingPartError', waitingFor: 'starting' });
    const done = starter.begin();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await expect(check.check()).rejects.toMatchObject({ waitingFor: expect.stringMatching(/^starting \(attempt \d+\)$/) });
    fail = false;
    await done;
    expect(starter.started).toBe(true);
    await expect(check.check()).rejects.toMatchObject({ waitingFor: 'joining the consumer group' });
    joined = true;
    await expect(check.check()).resolves.toBeUndefined();
  });
});
