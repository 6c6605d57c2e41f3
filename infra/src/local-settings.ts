import * as path from 'node:path';

// Where the launcher keeps engine state, and which ports it uses. Read once per call so
// tests and the CLI see the same values the environment gives them.
export interface LocalSettings {
  repoRoot: string;
  localDir: string;
  logsDir: string;
  runDir: string;
  kafkaPort: number;
  kafkaControllerPort: number;
  postgresPort: number;
  clickhousePath: string;
}

export const repoRoot = path.resolve(__dirname, '..', '..');

/** A TCP port from `env[name]` (unset or empty: `fallback`); throws naming the variable otherwise. */
export function port(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0 || value > 65535) {
    throw new Error(`${name} must be a TCP port number, got "${raw}"`);
  }
  return value;
}

export function localSettings(env: NodeJS.ProcessEnv = process.env): LocalSettings {
  const localDir = path.resolve(repoRoot, env.XP_LOCAL_DIR || '.local');
  return {
    repoRoot,
    localDir,
    logsDir: path.join(localDir, 'logs'),
    runDir: path.join(localDir, 'run'),
    kafkaPort: port(env, 'KAFKA_PORT', 19092),
    kafkaControllerPort: port(env, 'KAFKA_CONTROLLER_PORT', 19093),
    postgresPort: port(env, 'POSTGRES_PORT', 15432),
    clickhousePath: path.resolve(repoRoot, env.CLICKHOUSE_PATH || path.join(localDir, 'clickhouse')),
  };
}
