import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

const ERRORS = 'Errors: {"error":{"code","message","details"}}; an engine outage is 503 <engine>_unavailable with Retry-After.';

/** The service's OpenAPI document at /docs (UI) and /docs-json, from its controllers' decorators. */
export function serveOpenApi(app: INestApplication, service: string, description: string): void {
  const config = new DocumentBuilder()
    .setTitle(`xp ${service}`)
    .setDescription(`${description} ${ERRORS}`)
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
}
