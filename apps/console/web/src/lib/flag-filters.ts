import type { Flag } from './types';

export interface FlagFilter {
  search: string;
  status: 'all' | 'on' | 'off' | 'archived';
  type: 'all' | Flag['valueType'];
  /** Only flags changed within this many days (0: any time). */
  changedWithinDays: number;
  /** Only flags carrying this tag ('': any). */
  tag: string;
  /** Only flags config-service calls stale for this many days (0: any); the keys come from GET /v1/flag-usage?staleAfterDays=N. */
  staleForDays: number;
}

/**
 * Flags matching the list page's search box and filters; `lastChanged` maps flag key -> ISO time; `stale`
 * holds the keys config-service listed as stale for `f.staleForDays` (ignored when that is 0).
 */
export function filterFlags(flags: Flag[], f: FlagFilter, lastChanged: Record<string, string>, now: number, stale?: ReadonlySet<string>): Flag[] {
  const needle = f.search.trim().toLowerCase();
  return flags.filter((flag) => {
    if (needle && !`${flag.key} ${flag.description}`.toLowerCase().includes(needle)) return false;
    if (f.status === 'archived' ? !flag.archived : flag.archived || (f.status !== 'all' && flag.enabled !== (f.status === 'on'))) return false;
    if (f.type !== 'all' && flag.valueType !== f.type) return false;
    if (f.tag && !(flag.tags ?? []).includes(f.tag)) return false;
    if (f.staleForDays > 0 && !stale?.has(flag.key)) return false;
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

/** Every tag some flag carries, sorted (the tag filter's choices). */
export function allTags(flags: Flag[]): string[] {
  return [...new Set(flags.flatMap((f) => f.tags ?? []))].sort();
}
