// The web console: serves the built app and proxies /api/<service> to the four services.
import { buildConsoleServer } from './console-server';
import { loadConsoleConfig } from './console-config';
import { ensureWebBuild } from './web-build';

async function main(): Promise<void> {
  const config = loadConsoleConfig();
  await ensureWebBuild(config.distDir, (line) => process.stderr.write(`[console] ${line}\n`));
  const app = await buildConsoleServer(config);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void app.close().then(() => process.exit(0)));
  }
  await app.listen({ host: config.host, port: config.port });
  app.log.info({ upstreams: config.upstreams }, `console at http://${config.host}:${config.port}`);
  process.stderr.write(`[console] open http://${config.host}:${config.port} and sign in with an API key\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`[console] failed to start: ${error.message}\n`);
  process.exit(1);
});
