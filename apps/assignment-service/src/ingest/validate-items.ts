import type { RejectedItem } from '@xp/contracts';
import type { z } from 'zod';

export interface ValidItem<T> {
  /** Position in the posted batch, so later checks can reject it by the index the client knows. */
  index: number;
  item: T;
}

export interface ValidatedItems<T> {
  valid: ValidItem<T>[];
  rejected: RejectedItem[];
}

/** Validates each item on its own, so one bad item never costs the others. Paths are relative to the item. */
export function validateItems<S extends z.ZodType>(items: readonly unknown[], schema: S): ValidatedItems<z.infer<S>> {
  const valid: ValidItem<z.infer<S>>[] = [];
  const rejected: RejectedItem[] = [];
  items.forEach((item, index) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) valid.push({ index, item: parsed.data });
    else rejected.push({ index, errors: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) });
  });
  return { valid, rejected };
}
