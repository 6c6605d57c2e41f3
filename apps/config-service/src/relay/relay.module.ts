import { Inject, Logger, Module, type DynamicModule, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ContractProducer, ensureRegistryTopics } from '@xp/kafka';
import { METRICS_REGISTRY, SERVICE_CONFIG, type ConfigServiceConfig, type MetricsRegistry } from '@xp/platform';
import type { Kafka } from 'kafkajs';
import { Gauge } from 'prom-client';
import { KAFKA } from '../connections/tokens';
import { OutboxRelay } from './outbox-relay';
import { defaultRelaySettings, type RelaySettings } from './relay-settings';

const RELAY_PRODUCER = Symbol('RELAY_PRODUCER');

function createRelay(config: ConfigServiceConfig, kafka: Kafka, producer: ContractProducer, metrics: MetricsRegistry, settings: RelaySettings): OutboxRelay {
  const lag = new Gauge({
    name: 'xp_relay_lag_events',
    help: 'Events committed to the config event store but not yet published to Kafka (as seen by the active relay)',
    registers: [metrics.registry],
  });
  // Every xp.* topic (prefixed, and its DLQ) is created here so the other services find them at start-up.
  const platformTopics = Object.fromEntries(Object.entries(config.kafka.topics).map(([key, spec]) => [key, spec.name]));
  let connected = false;
  return new OutboxRelay({
    databaseUrl: config.postgres.url,
    settings,
    prepare: async () => {
      await ensureRegistryTopics(kafka, platformTopics);
      // A topic of its own (CONFIG_EVENTS_TOPIC, tests) is a config events topic too: one partition, kept forever.
      if (settings.topic !== platformTopics.configEvents) await ensureRegistryTopics(kafka, { configEvents: settings.topic });
      if (!connected) await producer.connect();
      connected = true;
    },
    publish: async (topic, records) => {
      await producer.send(topic, 'config.event', records);
    },
    onLag: (events) => lag.set(events),
    logger: new Logger('OutboxRelay'),
  });
}

/**
 * Runs the outbox relay for the life of the app. Exports OutboxRelay so the append side can call
 * `wake()` after a commit for immediate publication in this process.
 */
@Module({})
export class RelayModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(RELAY_PRODUCER) private readonly producer: ContractProducer,
  ) {}

  /** Topic from the config (CONFIG_EVENTS_TOPIC); `overrides` win over config and defaults. */
  static forRoot(overrides: Partial<RelaySettings> = {}): DynamicModule {
    return {
      module: RelayModule,
      providers: [
        { provide: RELAY_PRODUCER, inject: [KAFKA], useFactory: (kafka: Kafka) => new ContractProducer(kafka) },
        {
          provide: OutboxRelay,
          inject: [SERVICE_CONFIG, KAFKA, RELAY_PRODUCER, METRICS_REGISTRY],
          useFactory: (config: ConfigServiceConfig, kafka: Kafka, producer: ContractProducer, metrics: MetricsRegistry) => {
            const topic = overrides.topic ?? config.configEventsTopic;
            // Progress is per topic: a test topic never moves the checkpoint of the real one.
            const settings = { ...defaultRelaySettings, topic, checkpointName: topic, ...overrides };
            return createRelay(config, kafka, producer, metrics, settings);
          },
        },
      ],
      exports: [OutboxRelay],
    };
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.producer.disconnect().catch(() => undefined);
  }
}
