import { Engine } from './engine';
import { LocalSettings } from './local-settings';

// Temporary placeholder until the PostgreSQL launcher lands.
export function createPostgresEngine(settings: LocalSettings, _log: (line: string) => void, _env = process.env): Engine {
  const address = `127.0.0.1:${settings.postgresPort}`;
  return {
    name: 'postgres',
    managed: false,
    status: async () => ({ name: 'postgres', up: false, address, mode: 'local', detail: 'not implemented yet' }),
    start: async () => false,
    stop: async () => undefined,
  };
}
