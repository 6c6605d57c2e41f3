import { allTags, filterFlags, lastChangedByFlag, type FlagFilter } from './flag-filters';
import type { Flag } from './types';

const flag = (key: string, extra: Partial<Flag> = {}) => ({ key, description: '', valueType: 'boolean', enabled: true, ...extra }) as Flag;
const flags = [
  flag('checkout-button', { description: 'New checkout', tags: ['checkout', 'web'] }),
  flag('dark-mode', { enabled: false, valueType: 'string', tags: ['web'] }),
  flag('old', { archived: true }),
];
const any: FlagFilter = { search: '', status: 'all', type: 'all', changedWithinDays: 0, tag: '', staleForDays: 0 };
const now = Date.parse('2026-02-10T00:00:00Z');

describe('filterFlags', () => {
  it('searches key and description, and filters by status and type', () => {
    expect(filterFlags(flags, { ...any, search: 'CHECKOUT' }, {}, now).map((f) => f.key)).toEqual(['checkout-button']);
    expect(filterFlags(flags, { ...any, status: 'off' }, {}, now).map((f) => f.key)).toEqual(['dark-mode']);
    expect(filterFlags(flags, { ...any, status: 'archived' }, {}, now).map((f) => f.key)).toEqual(['old']);
    expect(filterFlags(flags, { ...any, type: 'string' }, {}, now).map((f) => f.key)).toEqual(['dark-mode']);
  });

  it('keeps flags changed within the last days, by their newest audit entry', () => {
    const changed = lastChangedByFlag([
      { streamId: 'flag:dark-mode', occurredAt: '2026-01-01T00:00:00Z' },
      { streamId: 'flag:dark-mode', occurredAt: '2026-02-09T00:00:00Z' },
      { streamId: 'flag:checkout-button', occurredAt: '2026-01-02T00:00:00Z' },
      { streamId: 'experiment:x', occurredAt: '2026-02-09T00:00:00Z' },
    ]);
    expect(filterFlags(flags, { ...any, changedWithinDays: 7 }, changed, now).map((f) => f.key)).toEqual(['dark-mode']);
  });

  it('filters by tag, and lists the tags there are', () => {
    expect(filterFlags(flags, { ...any, tag: 'checkout' }, {}, now).map((f) => f.key)).toEqual(['checkout-button']);
    expect(filterFlags(flags, { ...any, tag: 'web' }, {}, now).map((f) => f.key)).toEqual(['checkout-button', 'dark-mode']);
    expect(allTags(flags)).toEqual(['checkout', 'web']);
  });

  it('keeps only the flags config-service called stale when the stale filter is on', () => {
    const stale = new Set(['dark-mode']);
    expect(filterFlags(flags, { ...any, staleForDays: 7 }, {}, now, stale).map((f) => f.key)).toEqual(['dark-mode']);
    expect(filterFlags(flags, { ...any, staleForDays: 7 }, {}, now).map((f) => f.key)).toEqual([]);
    expect(filterFlags(flags, any, {}, now, stale).map((f) => f.key)).toEqual(['checkout-button', 'dark-mode']);
  });
});
