import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_ENVIRONMENT, exposureItemSchema, makeEnvelope, type ExposureItem, type IngestResult, type ItemIssue } from '@xp/contracts';
import { UnavailableError } from '@xp/platform';
import { batchIngester } from '../ingest/ingest-batch';
import { occurredAt } from '../ingest/occurred-at';
import { KafkaPublisher } from '../kafka/kafka-publisher';
import { AssignmentMetrics } from '../metrics/assignment-metrics';
import { ASSIGNMENT_OPTIONS, type AssignmentOptions } from '../options/assignment-options';
import { ConfigEventsService } from '../ruleset/config-events.service';
import { RulesetStore } from '../ruleset/ruleset-store';
import { FlagUsageService } from '../usage/flag-usage.service';
import { exposureRulesetProblems } from './exposure-ruleset-check';

const ingestExposures = batchIngester({
  field: 'exposures',
  itemSchema: exposureItemSchema,
  messageType: 'exposure',
  toRecord: ({ unit, timestamp, id, ...data }, now) => ({
    key: unit,
    envelope: makeEnvelope('exposure', { ...data, unitId: unit }, { id, occurredAt: occurredAt(timestamp, now) }),
  }),
});


/**
 * Exposures posted by SDKs: checked against the served ruleset, written as sent (SDKs deduplicate on
 * their side), acknowledged before answering.
 */
@Injectable()
export class ExposuresIngestService {
  constructor(
    @Inject(ASSIGNMENT_OPTIONS) private readonly options: AssignmentOptions,
    private readonly kafka: KafkaPublisher,
    private readonly metrics: AssignmentMetrics,
    private readonly store: RulesetStore,
    private readonly configEvents: ConfigEventsService,
    private readonly usage: FlagUsageService,
  ) {}

  ingest(body: unknown): Promise<IngestResult> {
    return ingestExposures(body, {
      kafka: this.kafka,
      topic: this.options.topics.exposures,
      window: this.options.ingestWindow,
      count: (outcome, n) => this.metrics.exposuresIngested.inc({ outcome }, n),
      itemProblems: (items) => this.rulesetProblems(items),
      // An SDK that evaluates locally reports its evaluations only through its exposures.
      stored: (stored) => stored.forEach(({ item, occurredAt: at }) => this.usage.record(item.flagKey, this.environmentOf(item), 1, Date.parse(at))),
    });
  }

  /** The environment the exposure's experiment runs in (checked to exist before it is stored). */
  private environmentOf(item: ExposureItem): string {
    return this.store.exposureTargets().get(item.experimentKey)?.environment ?? DEFAULT_ENVIRONMENT;
  }

  /**
   * An SDK only knows an experiment from a ruleset some replica built from the config topic, so an
   * experiment this one does not know may sit in config events it has not applied yet (created a moment
   * ago). Before refusing, wait until this replica applied everything on the topic now; if that does not
   * happen in time, answer 503 (nothing stored, retry) rather than refuse a valid exposure for good.
   */
  private async rulesetProblems(items: readonly ExposureItem[]): Promise<Array<ItemIssue[] | undefined>> {
    const check = () => {
      // Experiment keys are unique across environments: the experiment names its own.
      const { version } = this.store.snapshotFor(DEFAULT_ENVIRONMENT);
      const known = { version, exposureTargets: this.store.exposureTargets() };
      return items.map((item) => exposureRulesetProblems(item, known));
    };
    const problems = check();
    if (problems.every((p) => p === undefined)) return problems;
    if (!(await this.configEvents.catchUp(this.options.exposureCatchUpTimeoutMs))) {
      throw new UnavailableError('ruleset_catching_up', 'The ruleset is behind the config topic, so exposures cannot be checked yet; nothing was stored, retry');
    }
    return check();
  }
}
