import { makeEnvelope, type RolloutDecisionData } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, readTopic, uniqueGroupId, uniqueTopic } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import type { DeploymentOptions } from '../deployment-options';

/** deployment-service in this process on its own topics, consumer group and database; restartable. */
export class DeploymentHarness {
  readonly decisionsTopic = uniqueTopic('decisions');
  readonly deploymentsTopic = uniqueTopic('deployments');
  readonly groupId = uniqueGroupId('deployment');
  readonly kafka: Kafka = kafkaForTests('deployment-tests');
  private readonly producer = new ContractProducer(this.kafka);
  service?: RunningService;

  constructor(
    private readonly databaseUrl: string,
    private readonly configServiceUrl: string,
    private readonly env: Record<string, string> = {},
    private readonly options: Partial<DeploymentOptions> = {},
  ) {}

  async start(): Promise<void> {
    const config = loadConfig('deployment-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATABASE_URL: this.databaseUrl,
      CONFIG_SERVICE_URL: this.configServiceUrl,
      LOG_LEVEL: 'silent',
      API_KEYS: '',
      ...this.env,
    });
    this.service = await bootstrapService(
      AppModule.forRoot(config, {
        decisionsTopic: this.decisionsTopic,
        deploymentsTopic: this.deploymentsTopic,
        groupId: this.groupId,
        commandBackoff: { initialMs: 100, maxMs: 500 },
        webhookBackoff: { initialMs: 50, maxMs: 200 },
        webhookPollMs: 100,
        operatorWaitMs: 2000,
        pendingRetryMs: 500,
        ...this.options,
      }),
      config,
    );
  }

  async stop(): Promise<void> {
    await this.service?.close();
    this.service = undefined;
  }

  get url(): string {
    if (!this.service) throw new Error('deployment-service is not running');
    return this.service.url;
  }

  async connectProducer(): Promise<void> {
    await this.producer.connect();
  }

  async disconnectProducer(): Promise<void> {
    await this.producer.disconnect();
  }

  async produce(...decisions: RolloutDecisionData[]): Promise<void> {
    await this.producer.send(
      this.decisionsTopic,
      'rollout.decision',
      decisions.map((d) => ({ key: d.experimentKey, envelope: makeEnvelope('rollout.decision', d) })),
    );
  }

  async deploymentEvents(count: number, timeoutMs = 5000): Promise<Array<Record<string, unknown>>> {
    const records = await readTopic(this.kafka, this.deploymentsTopic, { count, timeoutMs });
    return records.map((r) => (JSON.parse(r.value ?? '{}') as { data: Record<string, unknown> }).data);
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end();
    }
  }

  async http(method: string, path: string, key = 'dev-admin-key', body?: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
}

export function decision(experimentKey: string, kind: RolloutDecisionData['kind'], stageIndex: number, extra: Partial<RolloutDecisionData> = {}): RolloutDecisionData {
  const stages = [1, 5, 25, 100];
  return {
    decisionId: `${experimentKey}:${kind}:${stageIndex}`,
    experimentKey,
    kind,
    stageIndex,
    percentage: stages[stageIndex],
    reason: `${kind} at stage ${stageIndex}`,
    method: 'sequential',
    evidence: { unitsPerVariant: { control: 1000, treatment: 1000 }, metrics: [] },
    policy: { stages, requiresApproval: false },
    ...extra,
  };
}
