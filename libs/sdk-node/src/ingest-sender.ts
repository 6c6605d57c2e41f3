import { ingestResultSchema, noValidItemsDetailsSchema, type RejectedItem } from '@xp/contracts';
import { HttpTransport, httpError, safeJson } from './http-transport';
import { describeIssues } from './item-issues';
import { XpLogger } from './logger';
import { XpSdkError } from './sdk-error';
import { RejectedItemReport } from './sdk-types';

export type IngestEndpoint = 'events' | 'exposures';

/** What became of a batch the service answered: how many of its items it refused (the others are stored). */
export interface SendOutcome {
  rejected: number;
}

export interface IngestSenderOptions {
  transport: HttpTransport;
  logger: XpLogger;
  onRejected: (report: RejectedItemReport) => void;
}

/**
 * Posts one batch to `POST /v1/<endpoint>` and reads the answer by the contract: 202 all stored; 207 the
 * listed items refused, the others stored; 400 `no_valid_<endpoint>` every item refused. Refused items are
 * permanent (resending them fails again): each is reported to `onRejected` and, together, in one log line
 * with the reasons. Any other answer throws (retriable for 5xx, 408, 429), so the batcher retries or drops it.
 */
export function ingestSender<T>(endpoint: IngestEndpoint, options: IngestSenderOptions): (batch: T[]) => Promise<SendOutcome> {
  const path = `/v1/${endpoint}`;
  return async (batch) => {
    const { status, text } = await options.transport.postJson(path, { [endpoint]: batch });
    const rejected = refusedItems(status, text, endpoint);
    if (rejected === undefined) throw httpError('POST', path, status, text);
    if (rejected === 'unreadable') throw new XpSdkError('invalid_response', `POST ${path} answered ${status} with a body off contract: ${text.slice(0, 300)}`, false, status);
    if (rejected.length > 0) report(endpoint, batch, rejected, options);
    return { rejected: rejected.length };
  };
}

/** The refused items of an answer; undefined when the answer is a failure of the request as a whole. */
function refusedItems(status: number, text: string, endpoint: IngestEndpoint): RejectedItem[] | 'unreadable' | undefined {
  if (status === 202 || status === 207) {
    const parsed = ingestResultSchema.safeParse(safeJson(text));
    if (parsed.success) return parsed.data.rejected;
    return status === 207 ? 'unreadable' : [];
  }
  if (status === 400) {
    const error = (safeJson(text) as { error?: { code?: unknown; details?: unknown } } | undefined)?.error;
    if (error?.code !== `no_valid_${endpoint}`) return undefined;
    const details = noValidItemsDetailsSchema.safeParse(error.details);
    return details.success ? details.data.rejected : 'unreadable';
  }
  return status >= 200 && status < 300 ? [] : undefined;
}

function report<T>(endpoint: IngestEndpoint, batch: readonly T[], rejected: readonly RejectedItem[], options: IngestSenderOptions): void {
  options.logger.warn(`assignment-service rejected ${rejected.length} of ${batch.length} ${endpoint}; they are not stored`, {
    rejected: rejected.map((r) => ({ index: r.index, id: idOf(batch[r.index]), reasons: describeIssues(r.errors) })),
  });
  for (const r of rejected) {
    try {
      options.onRejected({ endpoint, item: batch[r.index], errors: r.errors, by: 'server' });
    } catch (error) {
      options.logger.error('onRejected threw', { error: (error as Error).message });
    }
  }
}

function idOf(item: unknown): unknown {
  return typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined;
}
