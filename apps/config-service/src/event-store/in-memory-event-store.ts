import type { StreamType } from '@xp/contracts';
import { ConflictError } from '@xp/platform';
import { evolveView, type EntityView } from '../projections/entity-view';
import type { EntityViewStore } from '../projections/entity-view-store';
import type { AppendCommand, EventStore, ReadAllOptions, StreamVersion, WriteSession } from './event-store';
import { staleVersionError } from './stale-version-error';
import type { StoredEvent } from './stored-event';
import { keyOfStream, streamIdOf } from './stream-id';

/** Fake of the event store and its projection for unit tests of command logic (same rules, no database). */
export class InMemoryEventStore implements EventStore, EntityViewStore, WriteSession {
  readonly events: StoredEvent[] = [];
  private readonly views = new Map<string, EntityView>();
  private readonly decisions = new Set<string>();

  constructor(private readonly now: () => Date = () => new Date()) {}

  private queue: Promise<unknown> = Promise.resolve();

  /** Writes take turns, as serializable transactions would appear to. */
  write<T>(work: (session: WriteSession) => Promise<T>): Promise<T> {
    const turn = this.queue.then(() => work(this));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  async append(command: AppendCommand): Promise<StoredEvent[]> {
    const streamId = streamIdOf(command.streamType, command.key);
    const version = this.events.filter((e) => e.streamId === streamId).length;
    if (command.decisionId && this.decisions.has(command.decisionId)) {
      throw new ConflictError('decision_already_processed', `Decision ${command.decisionId} was already applied`);
    }
    if (version !== command.expectedVersion) throw staleVersionError(command, version);
    const stored = command.events.map((event, i) => ({
      ...event,
      position: this.events.length + i + 1,
      streamId,
      streamType: command.streamType,
      version: version + i + 1,
      actor: command.actor,
      ...(command.comment ? { comment: command.comment } : {}),
      occurredAt: this.now(),
    }));
    this.events.push(...stored);
    if (command.decisionId) this.decisions.add(command.decisionId);
    for (const event of stored) this.views.set(streamId, evolveView(this.views.get(streamId), event));
    return stored;
  }

  async readStream(streamId: string, until?: Date): Promise<StoredEvent[]> {
    return this.events.filter((e) => e.streamId === streamId && (!until || e.occurredAt <= until));
  }

  async readStreamType(streamType: StreamType, until: Date): Promise<StoredEvent[]> {
    return this.events
      .filter((e) => e.streamType === streamType && e.occurredAt <= until)
      .sort((a, b) => (a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1));
  }

  async readAll(options: ReadAllOptions): Promise<StoredEvent[]> {
    const { streamId, streamType, key, actor, from, to, afterPosition, beforePosition } = options;
    const matching = this.events.filter(
      (e) =>
        (!streamId || e.streamId === streamId) &&
        (!streamType || e.streamType === streamType) &&
        (!key || keyOfStream(e.streamId) === key) &&
        (!actor || e.actor === actor) &&
        (!from || e.occurredAt >= from) &&
        (!to || e.occurredAt < to) &&
        e.position > (afterPosition ?? 0) &&
        (beforePosition === undefined || e.position < beforePosition),
    );
    return (afterPosition === undefined ? matching.reverse() : matching).slice(0, options.limit);
  }

  async readVersions(versions: readonly StreamVersion[]): Promise<StoredEvent[]> {
    return this.events.filter((e) => versions.some((v) => v.streamId === e.streamId && v.version === e.version));
  }

  async isDecisionProcessed(decisionId: string): Promise<boolean> {
    return this.decisions.has(decisionId);
  }

  async get(streamType: StreamType, key: string): Promise<EntityView | undefined> {
    return this.views.get(streamIdOf(streamType, key));
  }

  async list(streamType: StreamType, includeArchived: boolean): Promise<EntityView[]> {
    return [...this.views.values()]
      .filter((v) => v.streamType === streamType && (includeArchived || !v.archived))
      .sort((a, b) => a.key.localeCompare(b.key));
  }

  async rebuild(): Promise<{ events: number; entities: number }> {
    this.views.clear();
    for (const event of this.events) this.views.set(event.streamId, evolveView(this.views.get(event.streamId), event));
    return { events: this.events.length, entities: this.views.size };
  }
}
