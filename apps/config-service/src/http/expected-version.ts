import { InvalidInputError } from '@xp/platform';

const IF_MATCH = /^(?:W\/)?"?(\d{1,9})"?$/;

const invalid = (code: string, message: string, path: string) =>
  new InvalidInputError(code, message, { details: { issues: [{ path, message }] } });

/** The version a write is based on, from `If-Match: "<n>"` or the body's `expectedVersion`; one is required. */
export function expectedVersionFrom(ifMatch: string | undefined, body: Record<string, unknown> | undefined): number {
  const fromHeader = ifMatch === undefined ? undefined : parseIfMatch(ifMatch);
  const raw = body?.expectedVersion;
  if (raw !== undefined && (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0)) {
    throw invalid('invalid_expected_version', 'expectedVersion must be a non-negative integer', 'expectedVersion');
  }
  const fromBody = raw as number | undefined;
  if (fromHeader !== undefined && fromBody !== undefined && fromHeader !== fromBody) {
    throw invalid('expected_version_mismatch', `If-Match says ${fromHeader} but expectedVersion says ${fromBody}`, 'expectedVersion');
  }
  const expected = fromHeader ?? fromBody;
  if (expected === undefined) {
    throw invalid('expected_version_required', 'Send the version this change is based on: If-Match: "<version>" or expectedVersion', 'expectedVersion');
  }
  return expected;
}

function parseIfMatch(header: string): number {
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw invalid('invalid_if_match', `If-Match must be a quoted version such as "3", got ${JSON.stringify(header.slice(0, 40))}`, 'If-Match');
  return Number(match[1]);
}

/** The request body without the command envelope fields (expectedVersion, comment), i.e. the entity itself. */
export function withoutCommandFields(body: Record<string, unknown>): Record<string, unknown> {
  const { expectedVersion: _version, comment: _comment, ...entity } = body;
  return entity;
}
