import { SetMetadata } from '@nestjs/common';
import type { ApiRole } from './api-role';

export const REQUIRED_ROLES = 'xp:required-roles';
export const IS_PUBLIC = 'xp:public';

/**
 * Roles allowed to call a handler or every handler of a controller (a handler's own decorator wins).
 * `admin` always passes. Routes with neither this nor @Public() require `admin`.
 */
export const RequireRole = (...roles: [ApiRole, ...ApiRole[]]) => SetMetadata(REQUIRED_ROLES, roles);

/** No API key needed: health probes, metrics scrapes. */
export const Public = () => SetMetadata(IS_PUBLIC, true);
