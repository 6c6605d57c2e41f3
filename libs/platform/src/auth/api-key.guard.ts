import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { HttpAdapterHost, Reflector } from '@nestjs/core';
import { roleSatisfies, type ApiRole } from './api-role';
import { ApiKeyRegistry } from './api-key-registry';
import type { AuthenticatedRequest } from './caller.decorator';
import { extractApiKey } from './extract-api-key';
import { IS_PUBLIC, REQUIRED_ROLES } from './require-role.decorator';

const ADMIN_ONLY: readonly ApiRole[] = ['admin'];

/** Global guard (registered by PlatformModule): 401 without a known key, 403 with the wrong role. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRegistry) private readonly registry: ApiKeyRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const required = this.reflector.getAllAndOverride<ApiRole[]>(REQUIRED_ROLES, targets) ?? ADMIN_ONLY;

    const http = context.switchToHttp();
    const request = http.getRequest<AuthenticatedRequest>();
    const presented = extractApiKey(request.headers);
    if (presented === undefined) {
      this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'WWW-Authenticate', 'Bearer');
      throw new UnauthorizedException('Missing API key: send "Authorization: Bearer <key>" or "x-api-key: <key>"');
    }
    const caller = this.registry.identify(presented);
    if (caller === undefined) {
      this.adapterHost.httpAdapter.setHeader(http.getResponse(), 'WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException('Unknown API key');
    }
    request.caller = caller;
    if (!roleSatisfies(caller.role, required)) {
      throw new ForbiddenException(`This endpoint needs role ${required.join(' or ')}; the key has role ${caller.role}`);
    }
    return true;
  }
}
