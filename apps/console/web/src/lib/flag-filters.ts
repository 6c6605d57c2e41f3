import type { Flag } from './types';

export interface FlagFilter {
  search: string;
  status: 'all' | 'on' | 'off' | 'archived';
  type: 'all' | Flag['valueType'];
  /** Only flags changed within this many days (0: any time). */
  changedWithinDays: number;
}

/** Flags matching the list page's search box and filters; `lastChanged` maps flag key -> ISO time. */
export function filterFlags(flags: Flag[], f: FlagFilter, lastChanged: Record<string, string>, now: number): Flag[] {
  const needle = f.search.trim().toLowerCase();
  return flags.filter((flag) => {
    if (needle && !`${flag.key} ${flag.description}`.toLowerCase().includes(needle)) return false;
    if (f.status === 'archived' ? !flag.archived : flag.archived || (f.status !== 'all' && flag.enabled !== (f.status === 'on'))) return false;
    if (f.type !== 'all' && flag.valueType !== f.type) return false;
    if (f.changedWithinDays > 0) {
      const at = lastChanged[flag.key];
      if (!at || now - Date.parse(at) > f.changedWithinDays * 86_400_000) return false;
    }
    return true;
  });
}

/** flag key -> time of its latest change, from config-service's audit items (`streamId` flag:<key>). */
export function lastChangedByFlag(items: Array<{ streamId: string; occurredAt: string }>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    if (!item.streamId.startsWith('flag:')) continue;
    const key = item.streamId.slice(5);
    if (!out[key] || out[key] < item.occurredAt) out[key] = item.occurredAt;
  }
  return out;
}
