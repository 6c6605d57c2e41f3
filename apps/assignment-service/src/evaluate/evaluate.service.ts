import { Injectable } from '@nestjs/common';
import { UnavailableError } from '@xp/platform';
import { ExposureRecorder } from '../exposures/exposure-recorder';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { RulesetStore } from '../ruleset/ruleset-store';
import type { EvaluateRequest } from './evaluate-request.schema';
import type { EvaluateResponse, FlagResultBody } from './evaluate-response';

@Injectable()
export class EvaluateService {
  constructor(
    private readonly store: RulesetStore,
    private readonly exposures: ExposureRecorder,
    private readonly metrics: AssignmentMetrics,
  ) {}

  evaluate(request: EvaluateRequest): EvaluateResponse {
    const snapshot = this.store.current();
    if (!snapshot) throw new UnavailableError('ruleset_not_ready', 'The ruleset is still being replayed; retry shortly');
    const evaluated = snapshot.evaluator.evaluate(request.unit, request.attributes, request.flags);
    // Null prototype: requested flag keys are caller input and may be "__proto__".
    const results = Object.create(null) as Record<string, FlagResultBody>;
    for (let i = 0; i < evaluated.length; i++) {
      const r = evaluated[i];
      const body: FlagResultBody = { variant: r.variant, value: r.value, reason: r.reason };
      if (r.errorCode !== undefined) body.errorCode = r.errorCode;
      if (r.experiment !== undefined) {
        body.experiment = r.experiment;
        if (r.experiment.inExperiment) {
          this.exposures.record(r, request.unit, request.attributes, snapshot.exposureTargets.get(r.experiment.key));
        }
      }
      results[r.flagKey] = body;
    }
    this.metrics.flagEvaluations.inc(evaluated.length);
    return { results, rulesetVersion: snapshot.version };
  }
}
