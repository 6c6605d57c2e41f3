import {
  ExperimentSchema,
  FlagSchema,
  makeEnvelope,
  type ConfigEventData,
  type Experiment,
  type ExperimentInput,
  type Flag,
  type FlagInput,
} from '@xp/contracts';
import type { OutgoingRecord } from '@xp/kafka';

/** A boolean flag whose only rule is driven by `experimentKey` (or serves `on` to everyone without it). */
export function booleanFlag(key: string, options: { enabled?: boolean; experimentKey?: string } = {}): Flag {
  const rule = options.experimentKey
    ? { id: 'experiment', experimentKey: options.experimentKey }
    : { id: 'everyone', weights: [{ variant: 'on', weight: 10_000 }] };
  return FlagSchema.parse({
    key,
    valueType: 'boolean',
    variants: [
      { key: 'off', value: false },
      { key: 'on', value: true },
    ],
    offVariant: 'off',
    enabled: options.enabled ?? true,
    salt: key,
    rules: [rule],
  } satisfies FlagInput);
}

/** A running 50/50 experiment enrolling every unit (one stage at 100 %, whole layer). */
export function runningExperiment(key: string, flagKey: string): Experiment {
  return ExperimentSchema.parse({
    key,
    flagKey,
    variants: [
      { key: 'off', weight: 5000, control: true },
      { key: 'on', weight: 5000 },
    ],
    layer: { key: `${key}-layer`, start: 0, end: 10_000 },
    primaryMetric: 'purchase',
    rolloutPolicy: { stages: [100] },
    status: 'running',
  } satisfies ExperimentInput);
}

/** Builds config events the way the config-service relay does: state-carrying, positions increasing. */
export class ConfigEventLog {
  private position = 0;
  private readonly versions = new Map<string, number>();

  event(streamType: ConfigEventData['streamType'], key: string, eventType: string, state: unknown): OutgoingRecord<'config.event'> {
    const streamId = `${streamType}:${key}`;
    const version = (this.versions.get(streamId) ?? 0) + 1;
    this.versions.set(streamId, version);
    const data: ConfigEventData = { streamId, streamType, version, position: ++this.position, eventType, payload: { state } };
    return { key: streamId, envelope: makeEnvelope('config.event', data) };
  }

  get lastPosition(): number {
    return this.position;
  }
}
