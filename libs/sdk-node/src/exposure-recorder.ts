import { randomUUID } from 'node:crypto';
import { Experiment, experimentRolloutPercentage, exposureItemSchema, type ExposureItem } from '@xp/contracts';
import { Attributes, DedupWindow, exposureDedupKey, exposureUnitId, unitAttributeOf } from '@xp/evaluation';
import { Clock } from './clock';
import { SdkEvaluationResult } from './sdk-types';
import { issuesOf, type ItemRejection } from './item-issues';

/**
 * Turns results of units enrolled in a running experiment into exposure items, once per dedup window.
 * Each item is checked against the contract of `POST /v1/exposures` before it is queued; one that fails
 * (e.g. a unit attribute longer than a unit id may be) is reported instead of being sent to be refused.
 */
export class ExposureRecorder {
  private experiments = new Map<string, Experiment>();

  constructor(
    private readonly dedup: DedupWindow,
    private readonly clock: Clock,
    private readonly emit: (item: ExposureItem) => void,
    private readonly reject: (rejection: ItemRejection) => void = () => undefined,
  ) {}

  useExperiments(experiments: readonly Experiment[]): void {
    this.experiments = new Map(experiments.map((e) => [e.key, e]));
  }

  record(result: SdkEvaluationResult, unit: string, attributes: Attributes): void {
    const assignment = result.experiment;
    if (!assignment?.inExperiment) return;
    const exp = this.experiments.get(assignment.key);
    const unitAttribute = exp ? unitAttributeOf(exp) : null;
    // The engine enrolled the unit by this id; null only if the engine skipped the rule, so never here.
    const unitId = exposureUnitId(unitAttribute, unit, attributes);
    if (unitId === null) return;
    const dedupKey = exposureDedupKey(assignment.key, unitId, assignment.variant);
    if (!this.dedup.firstSeen(dedupKey)) return;
    const item: ExposureItem = {
      experimentKey: assignment.key,
      flagKey: result.flagKey,
      variant: assignment.variant,
      unit: unitId,
      ...(unitAttribute === null ? {} : { unitAttribute }),
      ...(exp ? { stage: exp.currentStageIndex, percentage: experimentRolloutPercentage(exp) } : {}),
      timestamp: new Date(this.clock.now()).toISOString(),
      id: randomUUID(),
    };
    const checked = exposureItemSchema.safeParse(item);
    if (checked.success) return this.emit(item);
    this.dedup.forget(dedupKey);
    this.reject({ item, errors: issuesOf(checked.error) });
  }
}
