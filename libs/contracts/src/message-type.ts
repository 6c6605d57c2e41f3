import type { z } from 'zod';

export interface MessageType<TType extends string = string, TSchema extends z.ZodType = z.ZodType> {
  type: TType;
  schemaVersion: number;
  data: TSchema;
}

export function defineMessageType<TType extends string, TSchema extends z.ZodType>(
  type: TType,
  schemaVersion: number,
  data: TSchema,
): MessageType<TType, TSchema> {
  return { type, schemaVersion, data };
}
