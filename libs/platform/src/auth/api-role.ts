export const API_ROLES = ['admin', 'reader', 'sdk'] as const;

export type ApiRole = (typeof API_ROLES)[number];

export function isApiRole(value: string): value is ApiRole {
  return (API_ROLES as readonly string[]).includes(value);
}

/** `admin` may do everything; `reader` and `sdk` only what names them. */
export function roleSatisfies(held: ApiRole, required: readonly ApiRole[]): boolean {
  return held === 'admin' || required.includes(held);
}
