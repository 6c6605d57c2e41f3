import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';

const DESCRIPTION =
  'Flag evaluation for one unit (POST /v1/evaluate, the sdk key), exposure and metric event ingestion, the ruleset for SDKs (snapshot and server-sent events).';

async function main(): Promise<void> {
  const config = loadConfig('assignment-service');
  await bootstrapService(AppModule.forRoot(config), config, { description: DESCRIPTION });
}

main().catch(failStartup);
