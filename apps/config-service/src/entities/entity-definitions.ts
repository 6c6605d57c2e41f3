import type { StreamType } from '@xp/contracts';
import { environmentDefinition } from '../environments/environment-definition';
import { experimentDefinition } from '../experiments/experiment-definition';
import { flagDefinition } from '../flags/flag-definition';
import { holdoutDefinition } from '../holdouts/holdout-definition';
import { metricDefinition } from '../metrics/metric-definition';
import { scheduleDefinition } from '../schedules/schedule-definition';
import { segmentDefinition } from '../segments/segment-definition';
import type { EntityDefinition } from './entity-definition';

export const ENTITY_DEFINITIONS: Readonly<Record<StreamType, EntityDefinition>> = {
  flag: flagDefinition,
  segment: segmentDefinition,
  metric: metricDefinition,
  experiment: experimentDefinition,
  environment: environmentDefinition,
  schedule: scheduleDefinition,
  holdout: holdoutDefinition,
};
