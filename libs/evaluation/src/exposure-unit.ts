import type { Attributes } from './evaluation-result';

/**
 * The attribute an experiment randomises on, or null when it is the evaluated unit itself
 * (`unitAttribute: 'unitId'`, the default).
 */
export function unitAttributeOf(experiment: { readonly unitAttribute: string }): string | null {
  return experiment.unitAttribute === 'unitId' ? null : experiment.unitAttribute;
}

/**
 * The unit id an experiment split buckets on, and so the unit its exposure belongs to: the evaluated unit,
 * or the value of the experiment's unit attribute when it is a non-empty string or a finite number.
 * Null when that attribute is missing or of another type (the engine then skips the rule: no exposure).
 */
export function exposureUnitId(unitAttribute: string | null, unit: string, attributes: Attributes | undefined): string | null {
  if (unitAttribute === null) return unit;
  const value = attributes?.[unitAttribute];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}
