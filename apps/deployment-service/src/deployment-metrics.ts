import { Counter } from 'prom-client';
import type { MetricsRegistry } from '@xp/platform';

export interface DeploymentMetrics {
  decisions: Counter<'kind' | 'action'>;
  alerts: Counter<'kind'>;
  commandRetries: Counter<'command'>;
  commandFailures: Counter<'command'>;
  webhookDeliveries: Counter<'outcome'>;
}

export const DEPLOYMENT_METRICS = Symbol('DEPLOYMENT_METRICS');

export function createDeploymentMetrics({ registry }: MetricsRegistry): DeploymentMetrics {
  return {
    decisions: new Counter({ name: 'deployment_decisions_total', help: 'Rollout decisions and operator actions by kind and what was done', labelNames: ['kind', 'action'], registers: [registry] }),
    alerts: new Counter({ name: 'deployment_alerts_total', help: 'HOLDs and rollbacks that were alerted', labelNames: ['kind'], registers: [registry] }),
    commandRetries: new Counter({ name: 'deployment_config_command_retries_total', help: 'config-service commands retried because it was unavailable', labelNames: ['command'], registers: [registry] }),
    commandFailures: new Counter({ name: 'deployment_config_command_failures_total', help: 'config-service commands refused for good', labelNames: ['command'], registers: [registry] }),
    webhookDeliveries: new Counter({ name: 'deployment_webhook_deliveries_total', help: 'Webhook delivery attempts by outcome (delivered, retry, failed)', labelNames: ['outcome'], registers: [registry] }),
  };
}
