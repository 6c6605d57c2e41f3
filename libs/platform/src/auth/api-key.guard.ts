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

/** What a route requires: decorators are fixed at start-up, so this is read once per handler. */
type Requirement = 'public' | readonly ApiRole[];

/** Global guard (registered by PlatformModule): 401 without a known key, 403 with the wrong role. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  /** By controller class, then handler: an inherited handler may serve classes with different roles. */
  private readonly requirements = new WeakMap<object, WeakMap<object, Requirement>>();

  constructor(
    private readonly reflector: Reflector,
    @Inject(ApiKeyRegistry) private readonly registry: ApiKeyRegistry,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const required = this.requirementOf(context);
    if (required === 'public') return true;

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

  private requirementOf(context: ExecutionContext): Requirement {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byHandler = this.requirements.get(controller);
    if (byHandler === undefined) {
      byHandler = new WeakMap();
      this.requirements.set(controller, byHandler);
    }
    let requirement = byHandler.get(handler);
    if (requirement === undefined) {
      const targets = [handler, controller];
      requirement = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)
        ? 'public'
        : (this.reflector.getAllAndOverride<ApiRole[]>(REQUIRED_ROLES, targets) ?? ADMIN_ONLY);
      byHandler.set(handler, requirement);
    }
    return requirement;
  }
}
