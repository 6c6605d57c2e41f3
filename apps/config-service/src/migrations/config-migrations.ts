import { CreateEventStore1732400000000 } from './create-event-store-1732400000000';
import { CreateRelayNotifyTrigger1732600000000 } from '../relay/create-relay-notify-trigger-1732600000000';
import { AddEventComment1733000000000 } from './add-event-comment-1733000000000';
import { CreateProjections1732500000000 } from './create-projections-1732500000000';
import { CreateFlagUsage1733100000000 } from '../usage/create-flag-usage-1733100000000';

/** In order; append new migrations, never edit an applied one. */
export const configMigrations = [
  CreateEventStore1732400000000,
  CreateProjections1732500000000,
  CreateRelayNotifyTrigger1732600000000,
  AddEventComment1733000000000,
  CreateFlagUsage1733100000000,
];
