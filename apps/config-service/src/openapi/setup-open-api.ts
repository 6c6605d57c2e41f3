import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at /docs (UI) and /docs-json; call before the app listens. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('xp config-service')
    .setDescription(
      'Event-sourced flags, segments, metrics and experiments. Writes need the admin key and the expected version ' +
        '(If-Match: "<version>" or expectedVersion); reads need the reader key. Errors: {"error":{"code","message","details"}}.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
