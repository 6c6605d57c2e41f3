import { CreateProcessedDecisions1732400000000 } from './create-processed-decisions-1732400000000';
import { AddDeploymentArchivedAt1732700000000 } from './add-deployment-archived-at-1732700000000';
import { CreateRollouts1732600000000 } from './create-rollouts-1732600000000';
import { CreateWebhooks1732800000000 } from './create-webhooks-1732800000000';

/** In order; append new migrations, never edit an applied one. */
export const deploymentMigrations = [CreateProcessedDecisions1732400000000, CreateRollouts1732600000000, AddDeploymentArchivedAt1732700000000, CreateWebhooks1732800000000];
