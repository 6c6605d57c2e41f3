import { Module, type DynamicModule } from '@nestjs/common';
import { METRICS_REGISTRY } from '@xp/platform';
import { ActionRunner } from './actions/action-runner';
import { PendingActionStore } from './actions/pending-action-store';
import { PendingEffectsRetrier } from './actions/pending-effects.retrier';
import { configServiceClientProvider } from './config-client/config-client.provider';
import { DecisionApplierService } from './decisions/decision-applier.service';
import { DecisionsController } from './decisions/decisions.controller';
import { createDeploymentMetrics, DEPLOYMENT_METRICS } from './deployment-metrics';
import { DEPLOYMENT_OPTIONS, type DeploymentOptions } from './deployment-options';
import { DeploymentEventPublisher } from './deployments/deployment-event-publisher';
import { DeploymentStore } from './deployments/deployment-store';
import { DeploymentsController } from './deployments/deployments.controller';
import { DeploymentsService } from './deployments/deployments.service';
import { OperatorsController } from './operators/operators.controller';
import { OperatorsService } from './operators/operators.service';
import { RolloutTransitionsService } from './rollouts/rollout-transitions.service';
import { RolloutStore } from './rollouts/rollout-store';
import { RolloutsController } from './rollouts/rollouts.controller';
import { WebhookDeliveryWorker } from './webhooks/webhook-delivery.worker';
import { WebhookOutboxStore } from './webhooks/webhook-outbox-store';
import { WebhookSubscriptionStore } from './webhooks/webhook-subscription-store';
import { WebhooksController } from './webhooks/webhooks.controller';
import { WebhooksService } from './webhooks/webhooks.service';

/** Everything deployment-service does; the wiring lives here only. */
@Module({})
export class DeploymentModule {
  static forRoot(options: DeploymentOptions): DynamicModule {
    return {
      module: DeploymentModule,
      controllers: [DeploymentsController, RolloutsController, OperatorsController, DecisionsController, WebhooksController],
      providers: [
        { provide: DEPLOYMENT_OPTIONS, useValue: options },
        { provide: DEPLOYMENT_METRICS, inject: [METRICS_REGISTRY], useFactory: createDeploymentMetrics },
        configServiceClientProvider,
        DeploymentStore,
        DeploymentsService,
        RolloutStore,
        PendingActionStore,
        RolloutTransitionsService,
        DeploymentEventPublisher,
        ActionRunner,
        PendingEffectsRetrier,
        DecisionApplierService,
        OperatorsService,
        WebhookSubscriptionStore,
        WebhookOutboxStore,
        WebhookDeliveryWorker,
        WebhooksService,
      ],
    };
  }
}
