import type { ItemIssue } from '@xp/contracts';
import type { z } from 'zod';

export interface ItemRejection {
  item: unknown;
  errors: ItemIssue[];
}

/** A zod error as the service words item problems: `path` relative to the item. */
export function issuesOf(error: z.ZodError): ItemIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

export function describeIssues(errors: readonly ItemIssue[]): string {
  return errors.map((e) => (e.path === '' ? e.message : `${e.path}: ${e.message}`)).join('; ');
}
