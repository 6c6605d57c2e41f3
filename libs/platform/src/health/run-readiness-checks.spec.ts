import { PendingPartError } from './pending-part-error';
import { runReadinessChecks } from './run-readiness-checks';

const up = (name: string) => ({ name, check: async () => undefined });
const down = (name: string, message: string) => ({
  name,
  check: async () => {
    throw new Error(message);
  },
});
const hung = (name: string) => ({ name, check: () => new Promise<void>(() => undefined) });

describe('runReadinessChecks', () => {
  it('is ok when every check passes', async () => {
    const report = await runReadinessChecks([up('kafka'), up('postgres')]);
    expect(report).toEqual({ status: 'ok', checks: { kafka: 'up', postgres: 'up' }, waitingFor: {}, failures: {} });
  });

  it('is unavailable when one check fails, and says which and why', async () => {
    const report = await runReadinessChecks([up('kafka'), down('postgres', 'ECONNREFUSED')]);
    expect(report.status).toBe('unavailable');
    expect(report.checks).toEqual({ kafka: 'up', postgres: 'down' });
    expect(report.failures).toEqual({ postgres: 'ECONNREFUSED' });
  });

  it('reports a part started in the background as starting, with what it waits for', async () => {
    const joining = { name: 'decision consumer', check: async () => Promise.reject(new PendingPartError('joining the consumer group')) };
    const report = await runReadinessChecks([up('kafka'), joining]);
    expect(report.status).toBe('unavailable');
    expect(report.checks).toEqual({ kafka: 'up', 'decision consumer': 'starting' });
    expect(report.waitingFor).toEqual({ 'decision consumer': 'joining the consumer group' });
    expect(report.failures).toEqual({});
  });

  it('marks a check that never answers as down after the timeout', async () => {
    const report = await runReadinessChecks([hung('clickhouse'), up('kafka')], 20);
    expect(report.checks).toEqual({ clickhouse: 'down', kafka: 'up' });
    expect(report.failures.clickhouse).toBe('no answer within 20 ms');
  });

  it('is ok with no checks at all', async () => {
    expect((await runReadinessChecks([])).status).toBe('ok');
  });
});
