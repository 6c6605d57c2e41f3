import { randomUUID } from 'node:crypto';
import { Experiment, experimentRolloutPercentage } from '@xp/contracts';
import { Attributes } from '@xp/evaluation';
import { Clock } from './clock';
import { ExposureDedup } from './exposure-dedup';
import { ExposureItem, SdkEvaluationResult } from './sdk-types';

/** Turns results of units enrolled in a running experiment into exposure items, once per dedup window. */
export class ExposureRecorder {
  private experiments = new Map<string, Experiment>();

  constructor(
    private readonly dedup: ExposureDedup,
    private readonly clock: Clock,
    private readonly emit: (item: ExposureItem) => void,
  ) {}

  useExperiments(experiments: readonly Experiment[]): void {
    this.experiments = new Map(experiments.map((e) => [e.key, e]));
  }

  record(result: SdkEvaluationResult, unit: string | null, attributes: Attributes): void {
    const assignment = result.experiment;
    if (!assignment?.inExperiment) return;
    const exp = this.experiments.get(assignment.key);
    const unitAttribute = exp && exp.unitAttribute !== 'unitId' ? exp.unitAttribute : undefined;
    // The engine enrolled the unit by this attribute's value (it skips the rule when it is missing).
    const unitId = unitAttribute === undefined ? unit : String(attributes[unitAttribute]);
    if (unitId === null) return;
    const now = this.clock.now();
    if (!this.dedup.firstSeen(assignment.key, unitId, assignment.variant, now)) return;
    this.emit({
      experimentKey: assignment.key,
      flagKey: result.flagKey,
      variant: assignment.variant,
      unit: unitId,
      ...(unitAttribute === undefined ? {} : { unitAttribute }),
      ...(exp ? { stage: exp.currentStageIndex, percentage: experimentRolloutPercentage(exp) } : {}),
      timestamp: new Date(now).toISOString(),
      id: randomUUID(),
    });
  }
}
