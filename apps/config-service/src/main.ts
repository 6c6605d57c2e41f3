import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';

const DESCRIPTION =
  'Event-sourced flags, segments, metrics and experiments. Writes need the admin key and the expected version (If-Match: "<version>" or expectedVersion); reads need the reader key.';

async function main(): Promise<void> {
  const config = loadConfig('config-service');
  await bootstrapService(AppModule.forRoot(config), config, { description: DESCRIPTION });
}

main().catch(failStartup);
