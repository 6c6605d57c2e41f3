import { seededUniform } from '@xp/stats';
import { makeProfiles, type Profile } from '../evaluation/workload';

export interface Enrolment {
  unit: string;
  experimentKey: string;
  flagKey: string;
  variant: string;
}

const RETURNING_POOL = 20_000;
const ENROLLED_QUEUE = 10_000;

/**
 * The soak's visitors: half the evaluations are new units (each with attributes of its own, drawn once),
 * half return from the last RETURNING_POOL units; the enrolments the answers report wait in a bounded
 * queue for their events. Everything here is bounded, so the load generator's memory stays flat too.
 */
export class SoakUnits {
  private readonly profiles: Profile[] = makeProfiles();
  private readonly random = seededUniform(11);
  private readonly recent: Array<{ unit: string; attributes: Record<string, unknown> }> = [];
  private readonly enrolled: Enrolment[] = [];
  private readonly recentEnrolled: Enrolment[] = [];
  private created = 0;

  constructor(private readonly runId: string) {}

  /** A unit to evaluate and its attributes; new with probability `newShare`. */
  next(newShare = 0.5): { unit: string; attributes: Record<string, unknown> } {
    if (this.recent.length > 0 && this.random() >= newShare) return this.recent[Math.floor(this.random() * this.recent.length)];
    const n = this.created++;
    const unit = `soak-${this.runId}-${n}`;
    const profile = this.profiles[Math.floor(this.random() * this.profiles.length)];
    const visitor = { unit, attributes: { ...profile, age: 13 + Math.floor(this.random() * 58), email: `${unit}@example.com`, beta: this.random() < 0.2 } };
    if (this.recent.length < RETURNING_POOL) this.recent.push(visitor);
    else this.recent[n % RETURNING_POOL] = visitor;
    return visitor;
  }

  get newUnits(): number {
    return this.created;
  }

  /** A unit an answer enrolled in an experiment: its events are sent later; kept for SDK-style exposure posts. */
  noteEnrolled(enrolment: Enrolment): void {
    if (this.enrolled.length < ENROLLED_QUEUE) this.enrolled.push(enrolment);
    if (this.recentEnrolled.length < ENROLLED_QUEUE) this.recentEnrolled.push(enrolment);
    else this.recentEnrolled[Math.floor(this.random() * ENROLLED_QUEUE)] = enrolment;
  }

  /** Up to `count` enrolled units whose events have not been sent yet (oldest first). */
  takeEnrolled(count: number): Enrolment[] {
    return this.enrolled.splice(0, count);
  }

  /** `count` enrolments seen recently (repeats possible), as an SDK evaluating locally would re-log them. */
  sampleEnrolled(count: number): Enrolment[] {
    if (this.recentEnrolled.length === 0) return [];
    return Array.from({ length: count }, () => this.recentEnrolled[Math.floor(this.random() * this.recentEnrolled.length)]);
  }

  /** `count` returning units (for page events of people already seen). */
  sampleReturning(count: number): string[] {
    if (this.recent.length === 0) return [];
    return Array.from({ length: count }, () => this.recent[Math.floor(this.random() * this.recent.length)].unit);
  }

  randomValue(): number {
    return this.random();
  }
}
