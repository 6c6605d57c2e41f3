import type { ApplyOutcome } from './apply-plan';
import type { ImportPlan } from './import-plan';

/** The dry run, for people: what would be created, what differs, what cannot be translated and why. */
export function renderPlan(plan: ImportPlan): string {
  const lines: string[] = [`Import from ${plan.source}: ${plan.segments.length} segment(s), ${plan.flags.length} flag(s) would be created.`, ''];
  for (const s of plan.segments) lines.push(`  segment ${s.key}  (${s.conditions.length} condition(s))`);
  for (const f of plan.flags) {
    const prerequisites = (f.prerequisites ?? []).map((p) => `${p.flagKey} in [${p.variants.join(', ')}]`).join('; ');
    lines.push(`  flag ${f.key}  ${f.valueType}, ${f.hashing ?? 'xp'} hashing, ${f.enabled ? 'enabled' : 'DISABLED'}, ${(f.rules ?? []).length} rule(s)${prerequisites ? `, requires ${prerequisites}` : ''}`);
    for (const r of f.rules ?? []) {
      const weights = (r.weights ?? []).map((w) => `${w.variant} ${w.weight / 100}%`).join(' / ');
      const hash = r.hashAttribute ? ` by ${r.hashAttribute}` : '';
      lines.push(`      rule ${r.id}: ${(r.conditions ?? []).length} condition(s), rollout ${r.rollout ?? 100}%${hash}, ${weights}`);
    }
  }
  lines.push('', `Cannot be translated (${plan.untranslatable.length}):`);
  for (const u of plan.untranslatable) lines.push(`  ${u.path}: ${u.construct} - ${u.reason}`);
  lines.push('', `Imported with a difference to know (${plan.notes.length}):`);
  for (const n of plan.notes) lines.push(`  ${n.path}: ${n.message}`);
  lines.push('', 'Nothing was written. Run again with --apply to create them in config-service.');
  return `${lines.join('\n')}\n`;
}

export function renderOutcomes(outcomes: ApplyOutcome[]): string {
  const counts = { created: 0, exists: 0, failed: 0 };
  const lines = outcomes.map((o) => {
    counts[o.status]++;
    return `  ${o.kind} ${o.key}: ${o.status}${o.detail ? ` (${o.detail})` : ''}`;
  });
  return `${[`Applied: ${counts.created} created, ${counts.exists} already existed (left as they are), ${counts.failed} refused.`, ...lines].join('\n')}\n`;
}
