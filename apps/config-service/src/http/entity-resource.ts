import type { EntityView } from '../projections/entity-view';

export type EntityResource = Record<string, unknown> & { version: number; archived?: true };

/** `{ ...entity, version }`, plus `archived: true` for archived ones. */
export function toResource(view: EntityView): EntityResource {
  return { ...view.state, version: view.version, ...(view.archived ? { archived: true as const } : {}) };
}

export const etagOf = (view: EntityView): string => `"${view.version}"`;
