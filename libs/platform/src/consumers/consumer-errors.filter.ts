import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Hands a batch handler's error to the transport unchanged (Nest's default RPC filter would log it
 * and replace it by "Internal server error"): the batch consumer logs it once with the attempt and
 * retries the batch without committing.
 */
@Catch()
export class ConsumerErrorsFilter implements RpcExceptionFilter {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
