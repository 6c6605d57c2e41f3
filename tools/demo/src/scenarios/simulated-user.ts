import { seededUniform } from '@xp/stats';
import type { VariantBehaviour } from './scenario-spec';

export interface SimulatedEvent {
  unit: string;
  event: string;
  value?: number;
}

/** FNV-1a of the unit id: each unit behaves the same in every run (reproducible demo). */
function seedOf(unit: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < unit.length; i++) hash = Math.imul(hash ^ unit.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** The events one enrolled unit sends: 1-5 page requests with their latency, a purchase with the variant's chance. */
export function simulateUser(unit: string, behaviour: VariantBehaviour): SimulatedEvent[] {
  const random = seededUniform(seedOf(unit));
  const requests = 1 + Math.floor(random() * 5);
  const events: SimulatedEvent[] = Array.from({ length: requests }, () => ({ unit, event: 'page_latency', value: Math.round(behaviour.latencyMs * (0.8 + 0.4 * random())) }));
  if (random() < behaviour.conversionRate) events.push({ unit, event: 'purchase' });
  return events;
}
