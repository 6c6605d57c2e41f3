import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ExpressResponse as Response } from '../http/express-types';
import { toErrorResponse } from './error-response';

/** The one place where errors become HTTP responses (registered globally by PlatformModule). */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, serverFault } = toErrorResponse(exception);
    if (serverFault) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
