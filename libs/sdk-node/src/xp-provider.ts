import {
  ErrorCode,
  EvaluationContext,
  FlagMetadata,
  JsonValue,
  OpenFeatureEventEmitter,
  Paradigm,
  Provider,
  ProviderEvents,
  ResolutionDetails,
  TrackingEventDetails,
} from '@openfeature/server-sdk';
import { XpLogger, silentLogger } from './logger';
import { SdkErrorCode, SdkEvaluationResult } from './sdk-types';
import { createXpClient, XpClient } from './xp-client';
import { XpClientOptions } from './xp-client-options';

type ValueKind = 'boolean' | 'string' | 'number' | 'object';

const ERROR_CODES: Record<SdkErrorCode, ErrorCode> = {
  FLAG_NOT_FOUND: ErrorCode.FLAG_NOT_FOUND,
  TYPE_MISMATCH: ErrorCode.TYPE_MISMATCH,
  PARSE_ERROR: ErrorCode.PARSE_ERROR,
  GENERAL: ErrorCode.GENERAL,
  PROVIDER_NOT_READY: ErrorCode.PROVIDER_NOT_READY,
  TARGETING_KEY_MISSING: ErrorCode.TARGETING_KEY_MISSING,
};

/**
 * OpenFeature server provider evaluating locally through an XpClient. `targetingKey` is the unit (optional:
 * flags whose rules bucket nothing evaluate without it); the other context fields are the attributes. Pass a client to share it, or options to let the
 * provider own one (closed with the provider).
 */
export class XpProvider implements Provider {
  readonly metadata = { name: 'xp' } as const;
  readonly runsOn: Paradigm = 'server';
  readonly hooks = [];
  readonly events = new OpenFeatureEventEmitter();
  readonly client: XpClient;
  private readonly ownsClient: boolean;
  private unsubscribe: (() => void) | null = null;

  constructor(clientOrOptions: XpClient | XpClientOptions, private readonly options: { readyTimeoutMs?: number; logger?: XpLogger } = {}) {
    this.ownsClient = 'baseUrl' in clientOrOptions;
    this.client = 'baseUrl' in clientOrOptions ? createXpClient(clientOrOptions) : clientOrOptions;
  }

  /** Waits for the first ruleset (up to `readyTimeoutMs`); if that fails, READY is emitted when one arrives later. */
  async initialize(): Promise<void> {
    let initialized = false;
    this.unsubscribe ??= this.client.onChange((version) => {
      if (!initialized) {
        initialized = true;
        this.events.emit(ProviderEvents.Ready, { metadata: { rulesetVersion: version } });
      } else {
        this.events.emit(ProviderEvents.ConfigurationChanged, { metadata: { rulesetVersion: version } });
      }
    });
    await this.client.ready(this.options.readyTimeoutMs);
    initialized = true;
  }

  async onClose(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.ownsClient) await this.client.close();
  }

  resolveBooleanEvaluation(flagKey: string, defaultValue: boolean, context: EvaluationContext): Promise<ResolutionDetails<boolean>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'boolean'));
  }

  resolveStringEvaluation(flagKey: string, defaultValue: string, context: EvaluationContext): Promise<ResolutionDetails<string>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'string'));
  }

  resolveNumberEvaluation(flagKey: string, defaultValue: number, context: EvaluationContext): Promise<ResolutionDetails<number>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'number'));
  }

  resolveObjectEvaluation<T extends JsonValue>(flagKey: string, defaultValue: T, context: EvaluationContext): Promise<ResolutionDetails<T>> {
    return Promise.resolve(this.resolve(flagKey, defaultValue, context, 'object'));
  }

  /** OpenFeature `track`: the event name is the metric event, `value` its value, other details its properties. */
  track(trackingEventName: string, context: EvaluationContext, details: TrackingEventDetails = {}): void {
    const { value, ...rest } = details;
    const properties = Object.fromEntries(
      Object.entries(rest).filter(([, v]) => v === null || ['string', 'number', 'boolean'].includes(typeof v)),
    ) as Record<string, string | number | boolean | null>;
    try {
      if (!context.targetingKey) throw new Error('targetingKey is required to track an event');
      this.client.track({
        unit: context.targetingKey,
        event: trackingEventName,
        ...(value === undefined ? {} : { value }),
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      });
    } catch (error) {
      (this.options.logger ?? silentLogger).warn('track() ignored an invalid event', { error: (error as Error).message });
    }
  }

  private resolve<T>(flagKey: string, defaultValue: T, context: EvaluationContext, kind: ValueKind): ResolutionDetails<T> {
    // targetingKey is optional in OpenFeature: only a flag that buckets the unit answers TARGETING_KEY_MISSING.
    const { targetingKey, ...attributes } = context;
    const result = this.client.evaluateFlag(flagKey, targetingKey || null, attributes);
    const flagMetadata = metadataOf(result, this.client.rulesetVersion);
    if (result.reason === 'ERROR') {
      const errorCode = ERROR_CODES[result.errorCode ?? 'GENERAL'];
      return { value: defaultValue, reason: 'ERROR', errorCode, errorMessage: result.errorMessage, flagMetadata };
    }
    if (!matchesKind(result.value, kind)) {
      return {
        value: defaultValue,
        reason: 'ERROR',
        errorCode: ErrorCode.TYPE_MISMATCH,
        errorMessage: `flag '${flagKey}' is not a ${kind}`,
        flagMetadata,
      };
    }
    return { value: result.value as T, variant: result.variant ?? undefined, reason: result.reason, flagMetadata };
  }
}

function matchesKind(value: unknown, kind: ValueKind): boolean {
  return kind === 'object' ? typeof value === 'object' && value !== null : typeof value === kind;
}

function metadataOf(result: SdkEvaluationResult, rulesetVersion: number | null): FlagMetadata {
  const metadata: FlagMetadata = {};
  if (rulesetVersion !== null) metadata.rulesetVersion = rulesetVersion;
  if (result.ruleId !== undefined) metadata.ruleId = result.ruleId;
  if (result.holdout !== undefined) metadata.holdout = result.holdout;
  if (result.experiment) {
    metadata.experimentKey = result.experiment.key;
    metadata.experimentVariant = result.experiment.variant;
    metadata.inExperiment = result.experiment.inExperiment;
  }
  return metadata;
}
