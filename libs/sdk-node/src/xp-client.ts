import { randomUUID } from 'node:crypto';
import { eventItemSchema, type RulesetSnapshotBody } from '@xp/contracts';
import { Attributes, compileRuleset, DedupWindow, Evaluator, toFlagResult } from '@xp/evaluation';
import { sleep } from './clock';
import { EventBatcher } from './event-batcher';
import { ExposureRecorder } from './exposure-recorder';
import { HttpTransport } from './http-transport';
import { ingestSender } from './ingest-sender';
import { describeIssues, issuesOf } from './item-issues';
import { RulesetSource } from './ruleset-source';
import { XpSdkError } from './sdk-error';
import { EvaluateResponse, ExposureItem, FlagResult, SdkEvaluationResult, TrackEvent } from './sdk-types';
import { resolveClientOptions, XpClientOptions } from './xp-client-options';

export interface XpClient {
  /** Resolves once a first ruleset is loaded; rejects after `timeoutMs` (default: never). */
  ready(timeoutMs?: number): Promise<void>;
  readonly rulesetVersion: number | null;
  /** Local evaluation; same answer as `POST /v1/evaluate`. Logs exposures. Never throws. */
  evaluate(unit: string, attributes?: Attributes | null, flags?: readonly string[]): EvaluateResponse;
  /** One flag with the engine's full result (error message, rule id, holdout). Logs exposures. */
  evaluateFlag(flagKey: string, unit: string | null, attributes?: Attributes | null): SdkEvaluationResult;
  /** Queues a metric event for `POST /v1/events`; throws XpSdkError('invalid_event') on an event off the contract (`eventItemSchema`). */
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
  const sender = { transport, logger, onRejected: options.onRejected };
  const exposures = new EventBatcher<ExposureItem>({ ...batcherOptions, name: 'exposures', send: ingestSender('exposures', sender) });
  const events = new EventBatcher<unknown>({ ...batcherOptions, name: 'events', send: ingestSender('events', sender) });
  const dedup = new DedupWindow(options.exposureDedup.maxSize, options.exposureDedup.ttlMs, () => clock.now());
  const recorder = new ExposureRecorder(dedup, clock, (item) => exposures.add(item), ({ item, errors }) => {
    exposures.countRejected(1);
    logger.warn('exposure off the contract; not sent', { reasons: describeIssues(errors) });
    try {
      options.onRejected({ endpoint: 'exposures', item, errors, by: 'client' });
    } catch (error) {
      logger.error('onRejected threw', { error: (error as Error).message });
    }
  });
  const listeners = new Set<(version: number) => void>();
  let current: { version: number; evaluator: Evaluator } | null = null;
  let markReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => (markReady = resolve));

  function apply(snapshot: RulesetSnapshotBody): void {
    if (current && snapshot.version <= current.version) return;
    current = { version: snapshot.version, evaluator: compileRuleset(snapshot.ruleset) };
    recorder.useRuleset(snapshot.ruleset);
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
    transport, clock, logger, random: options.random, stream: options.stream, environment: options.environment, pollIntervalMs: options.pollIntervalMs,
    reconnectBackoff: options.reconnectBackoff, streamIdleTimeoutMs: options.streamIdleTimeoutMs, onSnapshot: apply,
  });
  source.start();
  let closed = false;

  function evaluateOne(flagKey: string, unit: string | null, attributes: Attributes): SdkEvaluationResult {
    if (!current) return notReady(flagKey);
    const result = current.evaluator.evaluateFlag(flagKey, unit, attributes);
    if (options.logExposures) {
      recorder.record(result, unit, attributes);
      recorder.recordHoldouts([result], unit);
    }
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
      if (options.logExposures) recorder.recordHoldouts(evaluated, unit);
      return { results, rulesetVersion: current.version };
    },
    evaluateFlag: (flagKey, unit, attributes) => evaluateOne(flagKey, unit, attributes ?? {}),
    track(event) {
      const parsed = eventItemSchema.safeParse(event);
      if (!parsed.success) throw new XpSdkError('invalid_event', `invalid event: ${describeIssues(issuesOf(parsed.error))}`, false);
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

function notReady(flagKey: string): SdkEvaluationResult {
  return { flagKey, variant: null, value: null, reason: 'ERROR', errorCode: 'PROVIDER_NOT_READY', errorMessage: 'no ruleset loaded yet' };
}
