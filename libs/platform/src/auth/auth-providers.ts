import { Logger, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRegistry } from './api-key-registry';
import type { AuthConfig } from './parse-api-keys';

/** The key registry and the global guard; PlatformModule registers these for every service. */
export function authProviders(auth: AuthConfig): Provider[] {
  return [
    {
      provide: ApiKeyRegistry,
      useFactory: () => {
        if (auth.developmentKeys) {
          new Logger('Auth').warn(
            'API_KEYS is not set: using the local development keys (admin, reader, sdk). Set API_KEYS outside development.',
          );
        }
        return new ApiKeyRegistry(auth.keys);
      },
    },
    { provide: APP_GUARD, useClass: ApiKeyGuard },
  ];
}
