const DAY_MS = 24 * 60 * 60 * 1000;

/** Without `staleAfterDays` the `stale` field still answers, for this many days. */
export const DEFAULT_STALE_AFTER_DAYS = 30;

/** The moment before which a flag's last evaluation (or creation) makes it stale. */
export function staleCutoff(now: Date, staleAfterDays: number): Date {
  return new Date(now.getTime() - staleAfterDays * DAY_MS);
}

/**
 * The stale rule. A flag is stale when it was last evaluated before the cutoff (N days ago). A flag never
 * evaluated (in the environments asked about) is stale once it was created before the cutoff: a new flag
 * gets N days to be wired up before it counts as unused. A flag whose creation time is unknown and that was
 * never evaluated is stale. Exactly at the cutoff is not stale yet.
 */
export function isStale(lastEvaluatedAt: Date | undefined, createdAt: Date | undefined, cutoff: Date): boolean {
  if (lastEvaluatedAt) return lastEvaluatedAt.getTime() < cutoff.getTime();
  return createdAt === undefined || createdAt.getTime() < cutoff.getTime();
}
