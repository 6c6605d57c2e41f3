import { randomBytes } from 'node:crypto';

function suffix(): string {
  return `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
}

/** A topic name no other test run uses, so tests sharing one broker never see each other's records. */
export function uniqueTopic(prefix: string): string {
  return `test.${prefix}.${suffix()}`;
}

export function uniqueGroupId(prefix: string): string {
  return `test-${prefix}-${suffix()}`;
}
