import { Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENT, type EvaluateRequest } from '@xp/contracts';
import { holdoutExposuresOf, type EvaluationResult } from '@xp/evaluation';
import { ExposureRecorder } from '../exposures/exposure-recorder';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { RulesetStore } from '../ruleset/ruleset-store';
import { FlagUsageService } from '../usage/flag-usage.service';
import { resultsJson } from './results-json';

@Injectable()
export class EvaluateService {
  constructor(
    private readonly store: RulesetStore,
    private readonly exposures: ExposureRecorder,
    private readonly metrics: AssignmentMetrics,
    private readonly usage: FlagUsageService,
  ) {}

  /**
   * The evaluate response in `environment` (the request's, checked against its key by the
   * controller), serialised as it leaves (the HTTP hot path: no object per flag result).
   */
  evaluateJson(request: EvaluateRequest, environment: string = DEFAULT_ENVIRONMENT): string {
    const { evaluated, version } = this.run(request, environment);
    // Without `flags` every flag appears once; requested keys may repeat.
    return `{"results":${resultsJson(evaluated, request.flags !== undefined)},"rulesetVersion":${version}}`;
  }

  private run(request: EvaluateRequest, environment: string): { evaluated: readonly EvaluationResult[]; version: number } {
    const snapshot = this.store.snapshotFor(environment);
    const evaluated = snapshot.evaluator.evaluate(request.unit, request.attributes, request.flags);
    this.usage.recordResults(evaluated, environment);
    for (let i = 0; i < evaluated.length; i++) {
      const r = evaluated[i];
      if (r.experiment?.inExperiment) {
        this.exposures.record(r, request.unit, request.attributes, snapshot.exposureTargets.get(r.experiment.key));
      }
    }
    if (snapshot.holdoutArms.length > 0) {
      for (const exposure of holdoutExposuresOf(snapshot.holdoutArms, evaluated, request.unit)) this.exposures.recordHoldout(exposure, request.unit);
    }
    this.metrics.flagEvaluations.inc(evaluated.length);
    return { evaluated, version: snapshot.version };
  }
}
