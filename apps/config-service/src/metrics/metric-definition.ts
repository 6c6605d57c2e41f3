import { MetricSchema } from '@xp/contracts';
import type { EntityDefinition } from '../entities/entity-definition';

export const metricDefinition: EntityDefinition = {
  streamType: 'metric',
  eventPrefix: 'Metric',
  toState: (input) => MetricSchema.parse(input),
  referencedTypes: [],
  referenceProblems: () => [],
};
