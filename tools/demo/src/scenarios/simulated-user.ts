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

/** mulberry32: a tiny seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The events one enrolled unit sends: 1-5 page requests with their latency, a purchase with the variant's chance. */
export function simulateUser(unit: string, behaviour: VariantBehaviour): SimulatedEvent[] {
  const random = seededRandom(seedOf(unit));
  const requests = 1 + Math.floor(random() * 5);
  const events: SimulatedEvent[] = Array.from({ length: requests }, () => ({ unit, event: 'page_latency', value: Math.round(behaviour.latencyMs * (0.8 + 0.4 * random())) }));
  if (random() < behaviour.conversionRate) events.push({ unit, event: 'purchase' });
  return events;
}
