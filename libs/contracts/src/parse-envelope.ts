import type { z } from 'zod';
import { envelopeSchema } from './envelope';
import { isMessageTypeName, messageTypes, type EnvelopeOf, type MessageTypeName } from './message-registry';

export interface ContractIssue {
  /** Dotted path inside the envelope ("data.unitId"); empty for the envelope itself. */
  path: string;
  message: string;
}

export type ParseResult<T extends MessageTypeName> =
  | { ok: true; envelope: EnvelopeOf<T> }
  | { ok: false; issues: ContractIssue[] };

function toIssues(error: z.ZodError, prefix: string[] = []): ContractIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/** Checks an already-decoded value against the envelope and the data schema of `type`. Never throws. */
export function parseEnvelope<T extends MessageTypeName>(type: T, raw: unknown): ParseResult<T> {
  if (!isMessageTypeName(type)) return { ok: false, issues: [{ path: 'type', message: `unknown message type ${type}` }] };
  const outer = envelopeSchema.safeParse(raw);
  if (!outer.success) return { ok: false, issues: toIssues(outer.error) };
  const contract = messageTypes[type];
  const issues: ContractIssue[] = [];
  if (outer.data.type !== contract.type) {
    issues.push({ path: 'type', message: `expected ${contract.type}, got ${outer.data.type}` });
  }
  if (outer.data.schemaVersion !== contract.schemaVersion) {
    issues.push({
      path: 'schemaVersion',
      message: `unsupported schemaVersion ${outer.data.schemaVersion} for ${contract.type} (expected ${contract.schemaVersion})`,
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const data = contract.data.safeParse(outer.data.data);
  if (!data.success) return { ok: false, issues: toIssues(data.error, ['data']) };
  return { ok: true, envelope: { ...outer.data, type, data: data.data } as EnvelopeOf<T> };
}

/** Decodes JSON text (a Kafka record value) and parses it; invalid JSON is reported as an issue. */
export function decodeEnvelope<T extends MessageTypeName>(type: T, text: string | null | undefined): ParseResult<T> {
  if (text == null || text.length === 0) return { ok: false, issues: [{ path: '', message: 'empty value' }] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, issues: [{ path: '', message: `invalid JSON: ${(err as Error).message}` }] };
  }
  return parseEnvelope(type, raw);
}

/** One line per issue, for logs and dead-letter headers. */
export function formatIssues(issues: ContractIssue[]): string {
  return issues.map((i) => `${i.path || '(envelope)'}: ${i.message}`).join('; ');
}
