import type { z } from 'zod';
import type { Envelope } from './envelope';
import { configEventMessage } from './messages/config-event';
import { deploymentEventMessage } from './messages/deployment-event';
import { exposureMessage } from './messages/exposure';
import { flagUsageMessage } from './messages/flag-usage';
import { metricEventMessage } from './messages/metric-event';
import { rolloutDecisionMessage } from './messages/rollout-decision';

/** Every message type that may travel on Kafka, by its `type` name. */
export const messageTypes = {
  [configEventMessage.type]: configEventMessage,
  [exposureMessage.type]: exposureMessage,
  [metricEventMessage.type]: metricEventMessage,
  [rolloutDecisionMessage.type]: rolloutDecisionMessage,
  [deploymentEventMessage.type]: deploymentEventMessage,
  [flagUsageMessage.type]: flagUsageMessage,
} as const;

export type MessageTypeName = keyof typeof messageTypes;
export type DataOf<T extends MessageTypeName> = z.infer<(typeof messageTypes)[T]['data']>;
export type EnvelopeOf<T extends MessageTypeName> = Envelope<T, DataOf<T>>;

export function isMessageTypeName(name: string): name is MessageTypeName {
  return Object.prototype.hasOwnProperty.call(messageTypes, name);
}
