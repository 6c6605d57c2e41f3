import { randomUUID } from 'node:crypto';
import { Experiment, experimentRolloutPercentage, exposureItemSchema, holdoutExposureKey, type ExposureItem, type Holdout } from '@xp/contracts';
import {
  Attributes,
  compileHoldoutArms,
  DedupWindow,
  exposureDedupKey,
  exposureUnitId,
  holdoutExposuresOf,
  unitAttributeOf,
  type CompiledHoldoutArms,
} from '@xp/evaluation';
import { Clock } from './clock';
import { SdkEvaluationResult } from './sdk-types';
import { issuesOf, type ItemRejection } from './item-issues';

/**
 * Turns results of units enrolled in a running experiment, and units in a holdout's arms, into
 * exposure items, once per dedup window.
 * Each item is checked against the contract of `POST /v1/exposures` before it is queued; one that fails
 * (e.g. a unit attribute longer than a unit id may be) is reported instead of being sent to be refused.
 */
export class ExposureRecorder {
  private experiments = new Map<string, Experiment>();
  private holdouts: CompiledHoldoutArms[] = [];

  constructor(
    private readonly dedup: DedupWindow,
    private readonly clock: Clock,
    private readonly emit: (item: ExposureItem) => void,
    private readonly reject: (rejection: ItemRejection) => void = () => undefined,
  ) {}

  useRuleset(ruleset: { readonly experiments: readonly Experiment[]; readonly holdouts: readonly Holdout[] }): void {
    this.experiments = new Map(ruleset.experiments.map((e) => [e.key, e]));
    this.holdouts = ruleset.holdouts.map(compileHoldoutArms);
  }

  /** The holdout arms' exposures of one evaluation (of one flag or of several), as assignment-service logs them. */
  recordHoldouts(results: readonly SdkEvaluationResult[], unit: string | null): void {
    if (this.holdouts.length === 0 || unit === null) return;
    for (const exposure of holdoutExposuresOf(this.holdouts, results, unit)) {
      const experimentKey = holdoutExposureKey(exposure.holdout.key);
      this.emitChecked(exposureDedupKey(experimentKey, unit, exposure.arm), {
        experimentKey,
        flagKey: exposure.flagKey,
        variant: exposure.arm,
        unit,
        percentage: exposure.holdout.percentage,
        timestamp: new Date(this.clock.now()).toISOString(),
        id: randomUUID(),
      });
    }
  }

  record(result: SdkEvaluationResult, unit: string | null, attributes: Attributes): void {
    const assignment = result.experiment;
    if (!assignment?.inExperiment) return;
    const exp = this.experiments.get(assignment.key);
    const unitAttribute = exp ? unitAttributeOf(exp) : null;
    // The engine enrolled the unit by this id; null only if the engine skipped the rule, so never here.
    const unitId = exposureUnitId(unitAttribute, unit, attributes);
    if (unitId === null) return;
    this.emitChecked(exposureDedupKey(assignment.key, unitId, assignment.variant), {
      experimentKey: assignment.key,
      flagKey: result.flagKey,
      variant: assignment.variant,
      unit: unitId,
      ...(unitAttribute === null ? {} : { unitAttribute }),
      ...(exp ? { stage: exp.currentStageIndex, percentage: experimentRolloutPercentage(exp) } : {}),
      timestamp: new Date(this.clock.now()).toISOString(),
      id: randomUUID(),
    });
  }

  private emitChecked(dedupKey: string, item: ExposureItem): void {
    if (!this.dedup.firstSeen(dedupKey)) return;
    const checked = exposureItemSchema.safeParse(item);
    if (checked.success) return this.emit(item);
    this.dedup.forget(dedupKey);
    this.reject({ item, errors: issuesOf(checked.error) });
  }
}
