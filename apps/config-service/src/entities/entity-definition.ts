import type { StreamType } from '@xp/contracts';
import type { NewEvent } from '../event-store/stored-event';
import type { EntityView } from '../projections/entity-view';

/** Live (not archived) entities by type and key: what referential checks look at. */
export type ReferenceLookup = ReadonlyMap<StreamType, ReadonlyMap<string, Record<string, unknown>>>;

export interface ReferenceProblem {
  path: string;
  message: string;
  /** Set when the reference would close a cycle: the keys along it, first and last the entity written. */
  cycle?: string[];
}

/**
 * A command of one domain beyond create / replace / archive (a kill switch, a lifecycle move, a
 * rollout): from the current view and the command's input to the events it appends. Throws the
 * domain's errors (404, 409, 422) when the command does not apply.
 */
export type DomainCommand = (current: EntityView | undefined, key: string, input: Record<string, unknown> | undefined, context?: WriteContext) => NewEvent[];

/** What a write knows besides its body. */
export interface WriteContext {
  /** The environment a flag write applies to (`?environment=`); unset: the body's, else production. */
  environment?: string;
}

/** What differs between flags, segments, metrics and experiments; the command flow is shared. */
export interface EntityDefinition {
  streamType: StreamType;
  /** Event type prefix: `Flag` gives FlagCreated, FlagUpdated, FlagArchived. */
  eventPrefix: string;
  /** Complete state from a client's input (throws a ZodError naming each bad field). */
  toState(input: Record<string, unknown>, current: EntityView | undefined, context?: WriteContext): Record<string, unknown>;
  /**
   * The state as a reader of one environment sees it (flags: that environment's part, flat, beside all
   * of them). Types without it have no per-environment parts.
   */
  present?(state: Record<string, unknown>, environment: string | undefined): Record<string, unknown>;
  /** Whether an entity belongs to an environment (experiments run in one); lists filter on it. */
  inEnvironment?(state: Record<string, unknown>, environment: string): boolean;
  /** Entity types whose live keys `referenceProblems` needs. */
  referencedTypes: readonly StreamType[];
  referenceProblems(state: Record<string, unknown>, lookup: ReferenceLookup): ReferenceProblem[];
  /** Archiving, when it is more than "any live entity may be archived" (experiments follow their lifecycle). */
  decideArchive?(current: EntityView): NewEvent[];
  /** The domain's own commands by name, run by EntityCommandService.execute like any other write. */
  commands?: Readonly<Record<string, DomainCommand>>;
}
