import { z } from 'zod';

export type OpenApiSchema = Record<string, unknown>;

/**
 * A zod schema as a plain OpenAPI schema object. The only recursive schema (arbitrary JSON values)
 * becomes "any": swagger cannot resolve JSON Schema `$defs`.
 */
export function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): OpenApiSchema {
  const { $schema: _schema, $defs: _defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest), (_key, value: unknown) =>
    value && typeof value === 'object' && '$ref' in value ? {} : value,
  ) as OpenApiSchema;
}

/** An entity as returned: the domain state plus its version (and `archived` once archived). */
export function resourceSchemaOf(schema: z.ZodType): OpenApiSchema {
  const output = jsonSchemaOf(schema, 'output');
  return {
    ...output,
    properties: { ...(output.properties as object), version: { type: 'integer', minimum: 1 }, archived: { type: 'boolean' } },
  };
}

export const ERROR_SCHEMA: OpenApiSchema = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'object' } },
      required: ['code', 'message'],
    },
  },
};
