import type { Experiment } from '@xp/contracts';
import type { DeploymentRegistration } from '../deployments/deployment-store';

/**
 * The record for an experiment no pipeline registered: the service is the flag, blue is the
 * control variant and green the (first) treatment.
 */
export function deploymentDefaults(experimentKey: string, experiment?: Pick<Experiment, 'flagKey' | 'variants'>): DeploymentRegistration {
  const control = experiment?.variants.find((v) => v.control)?.key ?? 'control';
  const treatment = experiment?.variants.find((v) => !v.control)?.key ?? 'treatment';
  return { experimentKey, service: experiment?.flagKey ?? experimentKey, blueVersion: control, greenVersion: treatment };
}
