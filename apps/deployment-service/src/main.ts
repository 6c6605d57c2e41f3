import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';

async function main(): Promise<void> {
  const config = loadConfig('deployment-service');
  await bootstrapService(AppModule.forRoot(config), config);
}

main().catch(failStartup);
