import { randomUUID } from 'node:crypto';
import { Attributes, compileRuleset, Evaluator } from '@xp/evaluation';
import { sleep } from './clock';
import { EventBatcher } from './event-batcher';
import { ExposureDedup } from './exposure-dedup';
import { ExposureRecorder } from './exposure-recorder';
import { HttpTransport } from './http-transport';
import { RulesetSnapshot } from './ruleset-snapshot';
import { RulesetSource } from './ruleset-source';
import { XpSdkError } from './sdk-error';
import { EvaluateResponse, ExposureItem, FlagResult, SdkEvaluationResult, TrackEvent, TrackEventSchema } from './sdk-types';
import { resolveClientOptions, XpClientOptions } from './xp-client-options';

export interface XpClient {
  /** Resolves once a first ruleset is loaded; rejects after `timeoutMs` (default: never). */
  ready(timeoutMs?: number): Promise<void>;
  readonly rulesetVersion: number | null;
  /** Local evaluation; same answer as `POST /v1/evaluate`. Logs exposures. Never throws. */
  evaluate(unit: string, attributes?: Attributes | null, flags?: readonly string[]): EvaluateResponse;
  /** One flag with the engine's full result (error message, rule id, holdout). Logs exposures. */
  evaluateFlag(flagKey: string, unit: string | null, attributes?: Attributes | null): SdkEvaluationResult;
  /** Queues a metric event for `POST /v1/events`; throws XpSdkError('invalid_event') on a bad event. */
  track(event: TrackEvent): void;
  /** Called with the new version each time a newer ruleset is compiled. */
  onChange(listener: (rulesetVersion: number) => void): () => void;
  flush(): Promise<void>;
  /** Stops the stream and timers, then flushes what is buffered. */
  close(): Promise<void>;
  stats(): { exposures: ReturnType<EventBatcher<unknown>['stats']>; events: ReturnType<EventBatcher<unknown>['stats']> };
}

export function createXpClient(clientOptions: XpClientOptions): XpClient {
  const options = resolveClientOptions(clientOptions);
  const { clock, logger } = options;
  const transport = new HttpTransport({ baseUrl: options.baseUrl, sdkKey: options.sdkKey, fetch: options.fetch });
  const batcherOptions = {
    clock, logger, random: options.random,
    maxBatchSize: options.maxBatchSize, maxBufferSize: options.maxBufferSize, flushIntervalMs: options.flushIntervalMs,
    maxAttempts: options.maxAttempts, retryBackoff: options.retryBackoff,
  };
  const exposures = new EventBatcher<ExposureItem>({
    ...batcherOptions, name: 'exposures', send: async (batch) => void (await transport.postJson('/v1/exposures', { exposures: batch })),
  });
  const events = new EventBatcher<unknown>({
    ...batcherOptions, name: 'events', send: async (batch) => void (await transport.postJson('/v1/events', { events: batch })),
  });
  const recorder = new ExposureRecorder(new ExposureDedup(options.exposureDedup), clock, (item) => exposures.add(item));
  const listeners = new Set<(version: number) => void>();
  let current: { version: number; evaluator: Evaluator } | null = null;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  function apply(snapshot: RulesetSnapshot): void {
    if (current && snapshot.version <= current.version) return;
    current = { version: snapshot.version, evaluator: compileRuleset(snapshot.ruleset) };
    recorder.useExperiments(snapshot.ruleset.experiments);
    markReady();
    for (const listener of listeners) {
      try {
        listener(snapshot.version);
      } catch (error) {
        logger.error('ruleset change listener threw', { error: (error as Error).message });
      }
    }
  }

  const source = new RulesetSource({
    transport, clock, logger, random: options.random, stream: options.stream, pollIntervalMs: options.pollIntervalMs,
    reconnectBackoff: options.reconnectBackoff, streamIdleTimeoutMs: options.streamIdleTimeoutMs, onSnapshot: apply,
  });
  source.start();
  let closed = false;

  function evaluateOne(flagKey: string, unit: string | null, attributes: Attributes): SdkEvaluationResult {
    if (!current) return notReady(flagKey);
    const result = current.evaluator.evaluateFlag(flagKey, unit, attributes);
    if (options.logExposures) recorder.record(result, unit, attributes);
    return result;
  }

  return {
    ready(timeoutMs) {
      if (timeoutMs === undefined) return readyPromise;
      const abort = new AbortController();
      const timeout = sleep(clock, timeoutMs, abort.signal).then(() => {
        // An aborted sleep resolves too: only a real timeout may reject.
        if (!abort.signal.aborted) throw new XpSdkError('not_ready', `no ruleset loaded within ${timeoutMs} ms`, true);
      });
      return Promise.race([readyPromise.then(() => abort.abort()), timeout]);
    },
    get rulesetVersion() {
      return current?.version ?? null;
    },
    evaluate(unit, attributes, flags) {
      const results: Record<string, FlagResult> = {};
      if (!current) {
        for (const key of flags ?? []) results[key] = toFlagResult(notReady(key));
        return { results, rulesetVersion: null };
      }
      const attrs = attributes ?? {};
      const evaluated = current.evaluator.evaluate(unit, attrs, flags ?? current.evaluator.flagKeys);
      for (const result of evaluated) {
        if (options.logExposures) recorder.record(result, unit, attrs);
        results[result.flagKey] = toFlagResult(result);
      }
      return { results, rulesetVersion: current.version };
    },
    evaluateFlag: (flagKey, unit, attributes) => evaluateOne(flagKey, unit, attributes ?? {}),
    track(event) {
      const parsed = TrackEventSchema.safeParse(event);
      if (!parsed.success) throw new XpSdkError('invalid_event', `invalid event: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`, false);
      events.add({ ...parsed.data, timestamp: parsed.data.timestamp ?? new Date(clock.now()).toISOString(), id: parsed.data.id ?? randomUUID() });
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    flush: async () => void (await Promise.all([exposures.flush(), events.flush()])),
    async close() {
      if (closed) return;
      closed = true;
      source.close();
      await Promise.all([exposures.close(), events.close()]);
    },
    stats: () => ({ exposures: exposures.stats(), events: events.stats() }),
  };
}

/** Drops engine-internal fields so the shape equals the `/v1/evaluate` results. */
export function toFlagResult(r: SdkEvaluationResult): FlagResult {
  const out: FlagResult = { variant: r.variant, value: r.value, reason: r.reason };
  if (r.errorCode !== undefined) out.errorCode = r.errorCode;
  if (r.experiment !== undefined) out.experiment = r.experiment;
  return out;
}

function notReady(flagKey: string): SdkEvaluationResult {
  return { flagKey, variant: null, value: null, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY', errorMessage: 'no ruleset loaded yet' };
}
