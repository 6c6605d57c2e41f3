import { promValue, statusFieldMb } from './service-sampler';
import { medianAndMax, percentile, summariseSeries } from './soak-summary';

describe('soak summary', () => {
  it('takes nearest-rank percentiles of sorted values', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect([percentile(sorted, 0.5), percentile(sorted, 0.9), percentile(sorted, 0.99), percentile(sorted, 1)]).toEqual([5, 9, 10, 10]);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('gives first, max, last, the growth over the second half and its slope per minute', () => {
    // One sample a minute: flat at 100 MB for the first half, then +2 MB a minute.
    const summary = summariseSeries([100, 100, 100, 102, 104], [0, 60, 120, 180, 240]);
    expect(summary).toMatchObject({ first: 100, max: 104, last: 104, growthLastHalf: 4 });
    expect(summary.slopeLastHalfPerMin).toBeCloseTo(2, 10);
  });

  it('reports a flat series as no growth', () => {
    expect(summariseSeries([50, 70, 50, 50, 50], [0, 30, 60, 90, 120])).toMatchObject({ max: 70, growthLastHalf: 0, slopeLastHalfPerMin: 0 });
  });

  it('takes p50 and max of per-sample values, skipping missing ones', () => {
    expect(medianAndMax([3, NaN, 1, 2, 10])).toEqual({ p50: 2, max: 10 });
  });

  it('reads a gauge from Prometheus text, labelled or not', () => {
    const text = [
      '# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.',
      '# TYPE nodejs_eventloop_lag_p99_seconds gauge',
      'nodejs_eventloop_lag_p99_seconds{service="assignment-service"} 0.012066815',
      'nodejs_eventloop_lag_p99 1',
      'process_resident_memory_bytes 123456',
    ].join('\n');
    expect(promValue(text, 'nodejs_eventloop_lag_p99_seconds')).toBeCloseTo(0.012066815, 12);
    expect(promValue(text, 'process_resident_memory_bytes')).toBe(123456);
    expect(promValue(text, 'nodejs_heap_size_used_bytes')).toBeNaN();
  });

  it('reads RSS and its anonymous and file-backed parts from /proc/<pid>/status, in MB', () => {
    const status = ['Name:\tnode', 'VmRSS:\t  604160 kB', 'RssAnon:\t  346112 kB', 'RssFile:\t  258048 kB', 'RssShmem:\t       0 kB'].join('\n');
    expect([statusFieldMb(status, 'VmRSS'), statusFieldMb(status, 'RssAnon'), statusFieldMb(status, 'RssFile')]).toEqual([590, 338, 252]);
    expect(statusFieldMb('Name:\tnode', 'RssAnon')).toBeNaN();
  });
});
