import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import type { CallerIdentity } from './api-key-registry';

/** Requests that passed ApiKeyGuard carry the caller (public routes do not). */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  caller?: CallerIdentity;
}

/** The actor to record for a change, e.g. `alice` (`admin:alice:<key>`) or `admin-1` for an unnamed key: names the key without revealing it. */
export function actorOf(caller: CallerIdentity): string {
  return caller.keyId;
}

/** Injects the CallerIdentity the guard put on the request: `create(@Caller() caller: CallerIdentity)`. */
export const Caller = createParamDecorator((_data: unknown, context: ExecutionContext): CallerIdentity | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().caller;
});
