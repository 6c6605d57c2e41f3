import { ensureEngines } from '../src/engines';
import { localSettings } from '../src/local-settings';
import { adminUrl } from '../src/postgres-probe';

/**
 * Starts Kafka and PostgreSQL for the integration tests when they are not already running,
 * and tells the test workers where they are. Engines that were already up are left alone.
 */
export default async function globalSetup(): Promise<void> {
  const settings = localSettings();
  const { startedByUs } = await ensureEngines(['kafka', 'postgres', 'clickhouse']);
  // Same process as the teardown; workers inherit process.env, so this also reaches them.
  process.env.XP_TEST_ENGINES_STARTED = startedByUs.join(',');
  process.env.KAFKA_BROKERS ??= `127.0.0.1:${settings.kafkaPort}`;
  process.env.TEST_DATABASE_ADMIN_URL ??= adminUrl(settings.postgresPort);
}
