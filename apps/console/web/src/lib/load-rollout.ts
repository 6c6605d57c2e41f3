import type { ApiClient } from './api-client';
import { ApiError } from './api-error';
import type { Rollout } from './types';

/** deployment-service knows a rollout only from its first decision on: undefined until then. */
export async function loadRollout(client: ApiClient, experimentKey: string): Promise<Rollout | undefined> {
  try {
    return await client.get<Rollout>('deployment', `/v1/rollouts/${experimentKey}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** analysis-service answers 404 until it has seen the experiment on the config topic. */
export async function orNotYet<T>(load: Promise<T>): Promise<T | undefined> {
  try {
    return await load;
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
