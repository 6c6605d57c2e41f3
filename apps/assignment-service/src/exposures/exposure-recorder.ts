import { Inject, Injectable } from '@nestjs/common';
import { holdoutExposureKey, type ExposureData } from '@xp/contracts';
import { DedupWindow, exposureDedupKey, exposureUnitId, type Attributes, type EvaluationResult, type HoldoutExposure } from '@xp/evaluation';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import type { ExposureTarget } from '../ruleset/ruleset-snapshot';
import { ExposurePublisher } from './exposure-publisher';

const MAX_UNIT_ID_LENGTH = 256;

/**
 * Turns evaluation results inside a running experiment, and units in a holdout's arms, into exposures,
 * once per (experiment, unit, variant) per window.
 */
@Injectable()
export class ExposureRecorder {
  private readonly window: DedupWindow;

  constructor(
    @Inject(ASSIGNMENT_OPTIONS) options: AssignmentOptions,
    private readonly publisher: ExposurePublisher,
    private readonly metrics: AssignmentMetrics,
  ) {
    this.window = new DedupWindow(options.exposures.dedupMaxEntries, options.exposures.dedupTtlMs);
  }

  /** Call only for results with `experiment.inExperiment`. */
  record(result: EvaluationResult, unit: string, attributes: Attributes | undefined, target: ExposureTarget | undefined): void {
    const experiment = result.experiment;
    if (!experiment || !target) return;
    const unitId = exposureUnitId(target.unitAttribute, unit, attributes);
    if (unitId === null || unitId.length > MAX_UNIT_ID_LENGTH) return;
    this.offer({
      experimentKey: experiment.key,
      flagKey: result.flagKey,
      variant: experiment.variant,
      unitId,
      ...(target.unitAttribute === null ? {} : { unitAttribute: target.unitAttribute }),
      stage: target.stage,
      percentage: target.percentage,
      environment: target.environment,
    });
  }

  /** A unit in one of a holdout's arms evaluated a flag it covers (holdoutExposuresOf). */
  recordHoldout(exposure: HoldoutExposure, unit: string): void {
    if (unit.length > MAX_UNIT_ID_LENGTH) return;
    this.offer({
      experimentKey: holdoutExposureKey(exposure.holdout.key),
      flagKey: exposure.flagKey,
      variant: exposure.arm,
      unitId: unit,
      percentage: exposure.holdout.percentage,
      environment: exposure.holdout.environment,
    });
  }

  private offer(data: ExposureData): void {
    const dedupKey = exposureDedupKey(data.experimentKey, data.unitId, data.variant);
    if (!this.window.firstSeen(dedupKey)) {
      this.metrics.exposuresDeduplicated.inc();
      return;
    }
    const kept = this.publisher.offer({ data, occurredAtMs: Date.now(), dedupKey });
    // A dropped exposure must not suppress the next one for the same unit.
    if (!kept) this.window.forget(dedupKey);
  }
}
