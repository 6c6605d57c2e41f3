import { InvalidInputError } from '@xp/platform';

export const CHANGE_COMMENT_HEADER = 'x-change-comment';
const MAX_COMMENT = 500;

/**
 * The writer's reason for a change, from `X-Change-Comment` or the body's `comment` (not part of the
 * entity). Blank means none; both given must agree.
 */
export function changeCommentFrom(header: string | undefined, body: Record<string, unknown> | undefined): string | undefined {
  const raw = body?.comment;
  if (raw !== undefined && typeof raw !== 'string') throw invalid('comment must be a string');
  const fromHeader = header?.trim() || undefined;
  const fromBody = raw?.trim() || undefined;
  if (fromHeader && fromBody && fromHeader !== fromBody) throw invalid(`${CHANGE_COMMENT_HEADER} and the body's comment differ`);
  const comment = fromHeader ?? fromBody;
  if (comment && comment.length > MAX_COMMENT) throw invalid(`comment is longer than ${MAX_COMMENT} characters`);
  return comment;
}

function invalid(message: string): InvalidInputError {
  return new InvalidInputError('invalid_comment', message, { details: { issues: [{ path: 'comment', message }] } });
}
