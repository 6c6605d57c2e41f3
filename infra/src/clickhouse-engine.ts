import * as fs from 'node:fs';
import { Engine, EngineStatus } from './engine';
import { LocalSettings } from './local-settings';

async function serverAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(new URL('/ping', url), { signal: AbortSignal.timeout(3000) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * ClickHouse runs inside the analysis-service process (chdb), so locally there is nothing to
 * start: only its data directory must exist. CLICKHOUSE_URL points at a server instead.
 */
export function createClickhouseEngine(settings: LocalSettings, env = process.env): Engine {
  const url = env.CLICKHOUSE_URL?.trim();

  async function status(): Promise<EngineStatus> {
    if (url) return { name: 'clickhouse', up: await serverAnswers(url), address: url, mode: 'external' };
    const up = fs.existsSync(settings.clickhousePath);
    return { name: 'clickhouse', up, address: settings.clickhousePath, mode: 'embedded', detail: 'chdb inside analysis-service' };
  }

  async function start(): Promise<boolean> {
    if (!url) fs.mkdirSync(settings.clickhousePath, { recursive: true });
    return false;
  }

  return { name: 'clickhouse', managed: false, status, start, stop: async () => undefined };
}
