import { waitFor } from '@xp/kafka/testing';
import { ServiceProcess } from '@xp/platform/testing';
import { freePort, type TestPlatformUrls } from '../test-platform';

/** The console server (`apps/console/src/main.ts`, as `npm start` runs it) in front of a test platform. */
export async function startConsole(urls: TestPlatformUrls): Promise<{ process: ServiceProcess; url: string }> {
  const port = await freePort();
  const process_ = new ServiceProcess('console', 'apps/console/src/main.ts', [], {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CONFIG_SERVICE_URL: urls.config,
    ASSIGNMENT_SERVICE_URL: urls.assignment,
    ANALYSIS_SERVICE_URL: urls.analysis,
    DEPLOYMENT_SERVICE_URL: urls.deployment,
  });
  const url = `http://127.0.0.1:${port}`;
  // The first start builds the web app (vite build, a few seconds).
  await waitFor(
    'the console to answer /health/ready with 200',
    async () => {
      if (!process_.running) throw new Error(`console exited during start-up:\n${process_.log}`);
      return fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(2000) }).then((r) => r.status === 200, () => false);
    },
    { timeoutMs: 120_000, intervalMs: 500 },
  );
  return { process: process_, url };
}
