import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';

const DESCRIPTION =
  'Experiment results (latest and history) for the reader key; at / the read-only ClickHouse HTTP interface for analysts.';

async function main(): Promise<void> {
  const config = loadConfig('analysis-service');
  await bootstrapService(AppModule.forRoot(config), config, { description: DESCRIPTION });
}

main().catch(failStartup);
