import { ConfigError } from '@xp/platform';
import { flagUsageFlushMsFrom } from './flag-usage-env';

describe('FLAG_USAGE_FLUSH_MS', () => {
  it('is optional and read as milliseconds', () => {
    expect(flagUsageFlushMsFrom({})).toBeUndefined();
    expect(flagUsageFlushMsFrom({ FLAG_USAGE_FLUSH_MS: '250' })).toBe(250);
  });

  it.each(['0', 'soon', '1.5', '7200000'])('stops the start on %s, naming the variable', (raw) => {
    expect(() => flagUsageFlushMsFrom({ FLAG_USAGE_FLUSH_MS: raw })).toThrow(ConfigError);
    expect(() => flagUsageFlushMsFrom({ FLAG_USAGE_FLUSH_MS: raw })).toThrow(/FLAG_USAGE_FLUSH_MS/);
  });
});
