import type { Provider } from '@nestjs/common';
import { SERVICE_CONFIG, type DeploymentServiceConfig } from '@xp/platform';
import { ConfigServiceClient } from './config-service.client';

export const CONFIG_SERVICE_CLIENT = Symbol('CONFIG_SERVICE_CLIENT');

export const configServiceClientProvider: Provider = {
  provide: CONFIG_SERVICE_CLIENT,
  inject: [SERVICE_CONFIG],
  useFactory: (config: DeploymentServiceConfig) => new ConfigServiceClient({ baseUrl: config.configServiceUrl, apiKey: config.configServiceApiKey }),
};
