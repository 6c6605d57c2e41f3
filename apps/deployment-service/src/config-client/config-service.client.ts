import type { Experiment, Flag } from '@xp/contracts';
import { ConfigServiceError, isRetriableStatus } from './config-service-error';

export type Versioned<T> = T & { version: number };

export interface ConfigServiceClientOptions {
  baseUrl: string;
  apiKey: string;
  /** Per request; a hung config-service counts as unavailable. */
  timeoutMs?: number;
}

export interface RolloutCommandBody {
  decisionId: string;
  reason: string;
  stageIndex?: number;
  percentage?: number;
}

/** The config-service REST calls deployment-service makes, with the admin key; every failure is a ConfigServiceError. */
export class ConfigServiceClient {
  constructor(private readonly options: ConfigServiceClientOptions) {}

  rollout(experimentKey: string, body: RolloutCommandBody): Promise<{ applied: boolean; experiment: Versioned<Experiment> }> {
    return this.call('POST', `/v1/experiments/${encodeURIComponent(experimentKey)}/rollout`, body);
  }

  getExperiment(experimentKey: string): Promise<Versioned<Experiment>> {
    return this.call('GET', `/v1/experiments/${encodeURIComponent(experimentKey)}`);
  }

  /** The flag as `environment` serves it (production when unset). */
  getFlag(flagKey: string, environment?: string): Promise<Versioned<Flag>> {
    return this.call('GET', `/v1/flags/${encodeURIComponent(flagKey)}${environmentQuery(environment)}`);
  }

  lifecycle(experimentKey: string, action: 'pause' | 'conclude', expectedVersion: number, winner?: string): Promise<Versioned<Experiment>> {
    return this.call('POST', `/v1/experiments/${encodeURIComponent(experimentKey)}/${action}`, { expectedVersion, ...(winner ? { winner } : {}) });
  }

  /** Switches the flag in one environment only (production when unset). */
  killSwitch(flagKey: string, enabled: boolean, expectedVersion: number, environment?: string): Promise<Versioned<Flag>> {
    return this.call('POST', `/v1/flags/${encodeURIComponent(flagKey)}/kill-switch${environmentQuery(environment)}`, { enabled, expectedVersion });
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await fetch(`${this.options.baseUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${this.options.apiKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
    } catch (err) {
      throw new ConfigServiceError(undefined, 'unreachable', `config-service is unreachable: ${(err as Error).message}`, true, err);
    }
    const text = await res.text().catch(() => '');
    const parsed = parseJson(text);
    if (res.ok) return parsed as T;
    const remote = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    const code = remote?.code ?? `http_${res.status}`;
    throw new ConfigServiceError(res.status, code, `config-service answered ${res.status} to ${method} ${path}: ${remote?.message ?? text.slice(0, 200)}`, isRetriableStatus(res.status, code));
  }
}

function parseJson(text: string): unknown {
  try {
    return text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

const environmentQuery = (environment: string | undefined): string => (environment === undefined ? '' : `?environment=${encodeURIComponent(environment)}`);
