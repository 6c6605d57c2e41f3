import { applyDecorators, Controller, UseFilters } from '@nestjs/common';
import { ConsumerErrorsFilter } from './consumer-errors.filter';

/** A controller of `@EventPattern` batch handlers whose errors make the transport retry the batch uncommitted. */
export const ConsumerController = (): ClassDecorator => applyDecorators(Controller(), UseFilters(ConsumerErrorsFilter));
