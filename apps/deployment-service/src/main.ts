import 'reflect-metadata';
import { bootstrapService, failStartup, loadConfig } from '@xp/platform';
import { AppModule } from './app.module';

const DESCRIPTION =
  'Rollouts driven by xp.decisions and their blue/green deployments. Operator actions need the admin key; reads need the reader key.';

async function main(): Promise<void> {
  const config = loadConfig('deployment-service');
  await bootstrapService(AppModule.forRoot(config), config, { description: DESCRIPTION });
}

main().catch(failStartup);
