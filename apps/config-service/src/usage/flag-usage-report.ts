import { DEFAULT_STALE_AFTER_DAYS, isStale, staleCutoff } from './stale-rule';
import type { FlagUsageRow } from './flag-usage-store';

export interface EnvironmentUsage {
  environment: string;
  evaluations: number;
  lastEvaluatedAt: string;
}

export interface FlagUsageItem {
  flagKey: string;
  tags: string[];
  /** The flag's first event; null if unknown. */
  createdAt: string | null;
  /** The latest over the environments listed; null when never evaluated there. */
  lastEvaluatedAt: string | null;
  evaluations: number;
  environments: EnvironmentUsage[];
  stale: boolean;
}

export interface FlagUsageReport {
  /** The N the `stale` fields were judged with (the query's, or the default when it gave none). */
  staleAfterDays: number;
  environment: string | null;
  items: FlagUsageItem[];
}

export interface LiveFlag {
  key: string;
  tags: string[];
  createdAt: Date | undefined;
}

/**
 * Every live flag with its usage per environment (only `environment` when given) and whether it is stale;
 * with `staleAfterDays` only the stale ones. Usage of flags that are not live (archived, or keys no flag has)
 * is left out.
 */
export function flagUsageReport(
  flags: readonly LiveFlag[],
  usage: readonly FlagUsageRow[],
  query: { environment?: string; staleAfterDays?: number },
  now: Date,
): FlagUsageReport {
  const staleAfterDays = query.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS;
  const cutoff = staleCutoff(now, staleAfterDays);
  const byFlag = new Map<string, FlagUsageRow[]>();
  for (const row of usage) {
    if (query.environment !== undefined && row.environment !== query.environment) continue;
    byFlag.set(row.flagKey, [...(byFlag.get(row.flagKey) ?? []), row]);
  }
  const items = flags.map((flag): FlagUsageItem => {
    const rows = byFlag.get(flag.key) ?? [];
    const last = rows.reduce<Date | undefined>((latest, r) => (latest && latest >= r.lastEvaluatedAt ? latest : r.lastEvaluatedAt), undefined);
    return {
      flagKey: flag.key,
      tags: flag.tags,
      createdAt: flag.createdAt?.toISOString() ?? null,
      lastEvaluatedAt: last?.toISOString() ?? null,
      evaluations: rows.reduce((sum, r) => sum + r.evaluations, 0),
      environments: rows.map((r) => ({ environment: r.environment, evaluations: r.evaluations, lastEvaluatedAt: r.lastEvaluatedAt.toISOString() })),
      stale: isStale(last, flag.createdAt, cutoff),
    };
  });
  return {
    staleAfterDays,
    environment: query.environment ?? null,
    items: query.staleAfterDays === undefined ? items : items.filter((i) => i.stale),
  };
}
