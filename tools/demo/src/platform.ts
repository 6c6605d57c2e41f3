import { ApiClient } from './api-client';

export interface PlatformUrls {
  config: string;
  assignment: string;
  analysis: string;
  deployment: string;
}

/** One client per service: admin key for the admin APIs, sdk key for evaluation and events. */
export interface Platform {
  config: ApiClient;
  assignment: ApiClient;
  analysis: ApiClient;
  deployment: ApiClient;
}

export function connectPlatform(urls: PlatformUrls, keys: { admin: string; sdk: string }): Platform {
  return {
    config: new ApiClient(urls.config, keys.admin),
    assignment: new ApiClient(urls.assignment, keys.sdk),
    analysis: new ApiClient(urls.analysis, keys.admin),
    deployment: new ApiClient(urls.deployment, keys.admin),
  };
}
