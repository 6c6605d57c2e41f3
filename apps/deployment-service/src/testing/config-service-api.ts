/** Minimal admin calls to the real config-service for test set-up and assertions. */
export class ConfigServiceApi {
  constructor(
    private readonly url: string,
    private readonly key = 'dev-admin-key',
  ) {}

  async call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${this.key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} -> ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** A metric, a two-variant flag and a running experiment with the given rollout stages. */
  async createRunningExperiment(key: string, stages: number[]): Promise<void> {
    await this.call('POST', '/v1/metrics', { key: `${key}-purchase`, eventName: 'purchase', kind: 'binomial' }).catch(() => undefined);
    await this.call('POST', '/v1/flags', {
      key: `${key}-flag`,
      valueType: 'string',
      variants: [
        { key: 'control', value: 'v1' },
        { key: 'treatment', value: 'v2' },
      ],
      offVariant: 'control',
      enabled: true,
      salt: key,
    });
    await this.call('POST', '/v1/experiments', {
      key,
      flagKey: `${key}-flag`,
      variants: [
        { key: 'control', weight: 5000, control: true },
        { key: 'treatment', weight: 5000 },
      ],
      layer: { key: `${key}-layer`, start: 0, end: 10000 },
      primaryMetric: `${key}-purchase`,
      rolloutPolicy: { stages, minDurationPerStage: 0, minUnitsPerStage: 0 },
    });
    await this.call('POST', `/v1/experiments/${key}/start`, { expectedVersion: 1 });
  }

  experiment(key: string): Promise<Record<string, unknown>> {
    return this.call('GET', `/v1/experiments/${key}`);
  }

  flag(key: string): Promise<Record<string, unknown>> {
    return this.call('GET', `/v1/flags/${key}`);
  }

  async audit(streamId: string): Promise<Array<{ eventType: string; payload: Record<string, unknown> }>> {
    const { items } = await this.call<{ items: Array<{ eventType: string; payload: Record<string, unknown> }> }>('GET', `/v1/audit?stream=${encodeURIComponent(streamId)}&after=0`);
    return items;
  }
}
