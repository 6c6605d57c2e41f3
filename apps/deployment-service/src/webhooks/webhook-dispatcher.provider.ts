import { Logger, type Provider } from '@nestjs/common';
import { SERVICE_CONFIG, type DeploymentServiceConfig } from '@xp/platform';
import { DEPLOYMENT_METRICS, type DeploymentMetrics } from '../deployment-metrics';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from '../deployment-options';
import { WebhookDispatcher } from './webhook.dispatcher';

export const WEBHOOK_DISPATCHER = Symbol('WEBHOOK_DISPATCHER');

export const webhookDispatcherProvider: Provider = {
  provide: WEBHOOK_DISPATCHER,
  inject: [SERVICE_CONFIG, DEPLOYMENT_OPTIONS, DEPLOYMENT_METRICS],
  useFactory: (config: DeploymentServiceConfig, options: DeploymentOptions, metrics: DeploymentMetrics) => {
    const logger = new Logger('Webhooks');
    return new WebhookDispatcher({
      urls: config.webhooks.urls,
      secret: config.webhooks.secret,
      backoff: options.webhookBackoff,
      maxAttempts: options.webhookMaxAttempts,
      timeoutMs: options.webhookTimeoutMs,
      onOutcome: (outcome, url, detail) => {
        metrics.webhookDeliveries.inc({ outcome });
        // The URL may embed a token; log its origin only.
        const target = new URL(url).origin;
        if (outcome === 'failed') logger.error({ target, ...detail }, 'webhook delivery failed; giving up');
        else if (outcome === 'retry') logger.warn({ target, ...detail }, 'webhook delivery failed; retrying');
      },
    });
  },
};
