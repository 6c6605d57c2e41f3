import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { toErrorResponse } from './error-response';

/** The one place where errors become HTTP responses (registered globally by PlatformModule). */
@Catch()
export class DomainExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('DomainExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const { status, body, serverFault, headers, outage } = toErrorResponse(exception);
    if (outage) this.logger.warn(`${body.error.code}: ${outage}`);
    else if (serverFault) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const { httpAdapter } = this.adapterHost;
    const response: unknown = host.switchToHttp().getResponse();
    if (httpAdapter.isHeadersSent(response)) return;
    for (const [name, value] of Object.entries(headers ?? {})) httpAdapter.setHeader(response, name, value);
    httpAdapter.reply(response, body, status);
  }
}
