import { ConfigError } from '../config/config-error';

/** Last resort of main(): print why the service could not start (the config problems alone) and exit 1. */
export function failStartup(err: unknown): never {
  const text = err instanceof ConfigError ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err);
  process.stderr.write(`${text}\n`);
  process.exit(1);
}
