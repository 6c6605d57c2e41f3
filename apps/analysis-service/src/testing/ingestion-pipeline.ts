import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClickHousePort } from '@xp/clickhouse';
import { topicNames, type TopicNames } from '@xp/contracts';
import { ensureTopics } from '@xp/kafka';
import { kafkaForTests, waitFor } from '@xp/kafka/testing';
import { bootstrapService, loadConfig, type RunningService } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { AppModule } from '../app.module';
import { CLICKHOUSE } from '../connections/tokens';
import { AssignmentServiceProcess } from './assignment-service-process';

/**
 * The whole ingestion path for a test, on its own topics and ClickHouse directory: the real
 * assignment-service in a child process, this service in-process (analysis loop idle), real Kafka.
 */
export class IngestionPipeline {
  readonly prefix: string;
  readonly names: TopicNames;
  readonly kafka: Kafka;
  readonly assignment: AssignmentServiceProcess;
  private readonly dir: string;
  analysis!: RunningService;
  clickhouse!: ClickHousePort;

  constructor(name: string) {
    this.prefix = `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}.`;
    this.names = topicNames(this.prefix);
    this.kafka = kafkaForTests(`analysis-${name}`);
    this.assignment = new AssignmentServiceProcess({ KAFKA_TOPIC_PREFIX: this.prefix });
    this.dir = mkdtempSync(join(tmpdir(), `xp-analysis-${name}-`));
  }

  async start(): Promise<void> {
    const { names } = this;
    await ensureTopics(this.kafka, [{ name: names.configEvents, partitions: 1 }, { name: names.exposures, partitions: 3 }, { name: names.events, partitions: 3 }], { withDeadLetters: true });
    await this.assignment.start();
    const config = loadConfig('analysis-service', {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      API_KEYS: '',
      KAFKA_TOPIC_PREFIX: this.prefix,
      CLICKHOUSE_PATH: this.dir,
      ANALYSIS_INTERVAL_MS: '3600000',
    });
    this.analysis = await bootstrapService(AppModule.forRoot(config), config);
    this.clickhouse = this.analysis.app.get<ClickHousePort>(CLICKHOUSE);
    await waitFor('analysis-service ready', async () => (await fetch(`${this.analysis.url}/health/ready`)).status === 200, { timeoutMs: 60_000 });
  }

  async stop(): Promise<void> {
    await this.assignment.stop();
    await this.analysis?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
