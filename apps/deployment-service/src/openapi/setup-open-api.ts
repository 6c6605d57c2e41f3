import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

/** Serves the OpenAPI document at /docs (UI) and /docs-json; call before the app listens. */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('xp deployment-service')
    .setDescription(
      'Rollouts driven by xp.decisions and their blue/green deployments. Operator actions need the admin key; reads need the reader key. ' +
        'Errors: {"error":{"code","message","details"}}.',
    )
    .setVersion('1')
    .addApiKey({ type: 'apiKey', in: 'header', name: 'x-api-key' }, 'api-key')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, config), { jsonDocumentUrl: 'docs-json' });
}
