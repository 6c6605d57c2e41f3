import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';
import { setupOpenApi } from './openapi/setup-open-api';

async function main(): Promise<void> {
  const config = loadConfig('deployment-service');
  await bootstrapService(AppModule.forRoot(config), config, { beforeListen: setupOpenApi });
}

main().catch(failStartup);
