import type { Platform } from '../platform';
import type { ScenarioSpec } from './scenario-spec';
import { simulateUser, type SimulatedEvent } from './simulated-user';

interface EvaluateResponse {
  results: Record<string, { variant: string; experiment?: { key: string; inExperiment: boolean } }>;
}

export interface RoundResult {
  evaluated: number;
  enrolled: Record<string, number>;
  events: number;
}

const EVALUATE_CONCURRENCY = 24;
const EVENTS_PER_BATCH = 1000;

/** Runs `work` over `items` with at most `limit` in flight. */
async function forEachLimited<T>(items: T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * One round of users: `units` new visitors ask for the flag; the ones the experiment enrols behave
 * as their variant's behaviour says and their events are sent in batches (after the evaluation, so
 * every event follows the unit's exposure).
 */
export async function runTrafficRound(platform: Platform, flagKey: string, spec: ScenarioSpec, units: string[]): Promise<RoundResult> {
  const enrolled: Record<string, number> = {};
  const events: SimulatedEvent[] = [];
  await forEachLimited(units, EVALUATE_CONCURRENCY, async (unit) => {
    const { results } = await platform.assignment.post<EvaluateResponse>('/v1/evaluate', { unit, flags: [flagKey] });
    const result = results[flagKey];
    if (!result?.experiment?.inExperiment) return;
    enrolled[result.variant] = (enrolled[result.variant] ?? 0) + 1;
    const behaviour = result.variant === 'green' ? spec.behaviour.treatment : spec.behaviour.control;
    events.push(...simulateUser(unit, behaviour));
  });
  for (let i = 0; i < events.length; i += EVENTS_PER_BATCH) {
    await platform.assignment.post('/v1/events', { events: events.slice(i, i + EVENTS_PER_BATCH) });
  }
  return { evaluated: units.length, enrolled, events: events.length };
}

/** Visitors per round so that about `wantedEnrolled` of them land in the experiment at `percentage` %. */
export function visitorsPerRound(percentage: number, wantedEnrolled = 60, min = 200, max = 3000): number {
  if (percentage <= 0) return min;
  return Math.max(min, Math.min(max, Math.ceil((wantedEnrolled * 100) / percentage)));
}
