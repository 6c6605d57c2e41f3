import type { ConditionInput, FlagInput, SegmentInput } from '@xp/contracts';

/** A construct that was imported with a difference the user must know about (never silently). */
export interface ImportNote {
  readonly path: string;
  readonly message: string;
}

/** A construct that cannot be translated, and why; it is left out of the plan. */
export interface Untranslatable {
  readonly path: string;
  readonly construct: string;
  readonly reason: string;
}

/** What an import would create (segments first, then flags with their prerequisites before them). */
export interface ImportPlan {
  readonly source: 'unleash' | 'growthbook';
  readonly segments: SegmentInput[];
  readonly flags: FlagInput[];
  readonly notes: ImportNote[];
  readonly untranslatable: Untranslatable[];
}

/** Thrown inside a translation step when a construct cannot be expressed; caught and reported by its caller. */
export class CannotTranslate extends Error {
  constructor(readonly construct: string, readonly reason: string) {
    super(`${construct}: ${reason}`);
  }
}

/** Conditions that must all hold: one rule. A disjunction becomes several rules (see the translators). */
export type Conjunction = ConditionInput[];

/** Lower-case slug as KeySchema wants it; peers' names keep their original spelling in salts and notes. */
export function toKey(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (slug || 'unnamed').slice(0, 100).replace(/-+$/, '');
}

/** Prerequisite flags before the flags requiring them, so that config-service accepts each reference. */
export function orderByPrerequisites(flags: FlagInput[]): FlagInput[] {
  const byKey = new Map(flags.map((f) => [f.key, f]));
  const ordered: FlagInput[] = [];
  const placed = new Set<string>();
  const visit = (flag: FlagInput, path: Set<string>) => {
    if (placed.has(flag.key) || path.has(flag.key)) return;
    path.add(flag.key);
    for (const p of flag.prerequisites ?? []) {
      const parent = byKey.get(p.flagKey);
      if (parent) visit(parent, path);
    }
    placed.add(flag.key);
    ordered.push(flag);
  };
  flags.forEach((f) => visit(f, new Set()));
  return ordered;
}
