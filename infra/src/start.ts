import { EngineName, engineStatus, ensureEngines, stopEngines } from './engines';
import { localSettings } from './local-settings';
import { serviceSpecs } from './service-specs';
import { RunningService, spawnServices, stopServices, waitForReady } from './service-supervisor';

const readyTimeoutMs = 180_000;
const stopGraceMs = 10_000;
const say = (line: string) => process.stderr.write(`[start] ${line}\n`);

/**
 * `npm start`: engines first, then the four services; on Ctrl-C (or a service dying) stop
 * the services, then only the engines this invocation started, and leave nothing behind.
 */
async function main(): Promise<number> {
  const settings = localSettings();
  const engines: EngineName[] = ['kafka', 'postgres', 'clickhouse'];
  const { startedByUs } = await ensureEngines(engines);
  for (const s of await engineStatus(engines)) say(`${s.name}: ${s.up ? 'up' : 'DOWN'} (${s.mode}) ${s.address}`);

  const specs = serviceSpecs(settings);
  const services = spawnServices(specs, settings.repoRoot, Boolean(process.stdout.isTTY));
  let stopping: Promise<number> | undefined;

  const shutdown = (reason: string, exitCode: number): Promise<number> => {
    stopping ??= (async () => {
      say(`${reason}: stopping services`);
      const killed = await stopServices(services, stopGraceMs);
      if (killed.length) say(`killed after ${stopGraceMs / 1000} s: ${killed.join(', ')}`);
      if (startedByUs.length) say(`stopping engines started by this run: ${startedByUs.join(', ')}`);
      await stopEngines(startedByUs);
      return exitCode;
    })();
    return stopping;
  };

  process.on('SIGINT', () => void shutdown('SIGINT', 0).then((code) => process.exit(code)));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0).then((code) => process.exit(code)));
  watchForCrashes(services, (name, how) => {
    say(`\n!!!!!!!! ${name} EXITED ON ITS OWN (${how}) — stopping everything !!!!!!!!\n`);
    void shutdown(`${name} died`, 1).then((code) => process.exit(code));
  }, () => stopping !== undefined);

  if (await waitForReady(services, readyTimeoutMs)) {
    if (stopping) return stopping;
    say('all services ready:');
    for (const s of specs) say(`  ${s.name.padEnd(19)} http://127.0.0.1:${s.port}`);
    say('Ctrl-C stops the services and the engines this run started.');
  } else if (!stopping) {
    say(`not every service answered /health/ready with 200 within ${readyTimeoutMs / 1000} s`);
    return shutdown('start-up timed out', 1);
  }
  return new Promise<number>(() => undefined); // run until a signal or a crash ends the process
}

function watchForCrashes(
  services: RunningService[],
  onCrash: (name: string, how: string) => void,
  isStopping: () => boolean,
): void {
  for (const s of services) {
    void s.exited.then(({ code, signal }) => {
      if (!isStopping()) onCrash(s.spec.name, signal ? `signal ${signal}` : `exit code ${code}`);
    });
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    say(`failed: ${error.message}`);
    process.exit(1);
  },
);
