// Shapes of the services' answers the console reads (see each service's README).

export interface Variant { key: string; value: unknown }
export interface Condition { attribute: string; operator: string; values: Array<string | number | boolean>; negate?: boolean; caseInsensitive?: boolean }
export interface Rule { id: string; description?: string; conditions: Condition[]; rollout: number; weights: Array<{ variant: string; weight: number }>; experimentKey?: string }
export interface Flag {
  key: string; description: string; valueType: 'boolean' | 'string' | 'number' | 'json'; variants: Variant[]; offVariant: string; enabled: boolean; salt: string;
  prerequisites: Array<{ flagKey: string; variants: string[] }>; rules: Rule[]; overrides: Record<string, string>; version: number; archived?: true; tags?: string[];
}
/** config-service's GET /v1/flag-usage: per live flag, evaluations per environment and whether it is stale. */
export interface FlagUsageItem {
  flagKey: string; tags: string[]; createdAt: string | null; lastEvaluatedAt: string | null; evaluations: number; stale: boolean;
  environments: Array<{ environment: string; evaluations: number; lastEvaluatedAt: string }>;
}
export interface FlagUsageReport { staleAfterDays: number; environment: string | null; items: FlagUsageItem[] }
export interface Segment { key: string; description: string; conditions: Condition[]; version: number; archived?: true }
export interface Metric { key: string; description: string; eventName: string; kind: string; valueProperty?: string; direction: 'increase' | 'decrease'; version: number; archived?: true; [field: string]: unknown }
export interface RolloutPolicy {
  stages: number[]; minUnitsPerStage: number; minDurationPerStage: number; alpha: number; method: string; advanceOn: 'win' | 'safe';
  plannedUnits?: number; minimumDetectableEffect?: number; requiresApproval: boolean;
}
export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'concluded' | 'archived';
export interface Experiment {
  key: string; flagKey: string; hypothesis: string; variants: Array<{ key: string; weight: number; control?: boolean }>; unitAttribute: string;
  layer: { key: string; start: number; end: number }; primaryMetric: string; secondaryMetrics: string[]; guardrailMetrics: Array<{ metricKey: string; maxRegression: number }>;
  rolloutPolicy: RolloutPolicy; status: ExperimentStatus; currentStageIndex: number; rolloutPercentage?: number; winner?: string; version: number; archived?: true;
}
export interface FieldChange { path: string; before?: unknown; after?: unknown }
export interface AuditItem {
  position: number; streamId: string; version: number; eventType: string; actor: string; comment: string | null; occurredAt: string; diff: FieldChange[];
  payload: { state?: unknown } & Record<string, unknown>;
}

export interface LiftInterval { estimate: number; ci: [number, number]; se: number; pValue: number }
export interface VariantComparison {
  variant: string; controlVariant: string; control: { n: number; mean: number }; treatment: { n: number; mean: number }; level?: number;
  absolute?: LiftInterval; relative?: LiftInterval | null; cuped?: { theta: number; varianceReduction: number };
  guardrail?: { maxRegression: number; margin: number; regression: boolean; nonInferior: boolean; pValue: number }; notEnoughData?: string;
}
export interface MetricResult { metricKey: string; role: 'primary' | 'secondary' | 'guardrail'; kind: string; direction: 'increase' | 'decrease'; multiplicity: number; comparisons: VariantComparison[] }
export interface ExperimentResults {
  experimentKey: string; computedAt: string; stageIndex: number; percentage: number; stageStartedAt: string | null; stageUnits: number; method: string; advanceOn: string; alpha: number;
  sequentialTuning: number; adjustment: string; unitsPerVariant: Record<string, number>; excludedUnits: number; srm: { pValue: number; mismatch: boolean; bayesFactor: number } | null;
  metrics: MetricResult[]; missingMetrics: string[]; planning?: { minimumDetectableEffect: number; targetPower: number; unitsNeeded: number; powerAtPlannedUnits: number }; notes: string[];
}
export interface ResultsResponse { latest: ExperimentResults | null; history: ExperimentResults[] }

export interface Deployment {
  id: string; experimentKey: string; service: string; blueVersion: string; greenVersion: string; activeColour: 'blue' | 'green'; weights: { blue: number; green: number };
  status: string; createdAt: string; updatedAt: string; archivedAt?: string;
}
export interface RolloutHistoryEntry {
  decisionId: string; kind: string; action: string; fromStage: number; toStage: number; fromPercentage: number; toPercentage: number; status: string; reason: string;
  evidence?: { unitsPerVariant?: Record<string, number>; metrics?: Array<Record<string, unknown>>; srmPValue?: number } | null; actor: string; occurredAt: string;
}
export interface Rollout {
  experimentKey: string; stageIndex: number; percentage: number; status: string; automationPaused: boolean; pending?: { decisionId: string; kind: string } | null;
  deployment?: Deployment | null; history: RolloutHistoryEntry[];
}
