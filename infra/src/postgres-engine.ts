import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine, EngineStatus } from './engine';
import { withFileLock } from './file-lock';
import { LocalSettings } from './local-settings';
import { logTail } from './log-tail';
import { PostgresLayout, postgresLayout } from './postgres-layout';
import { postgresRunAs, RunAs } from './postgres-os-user';
import { adminUrl, ensureDatabases, postgresAnswers } from './postgres-probe';
import { isAlive, livePid, readPidFile, terminate, waitUntil } from './process-control';

export const serviceDatabases = ['xp_config', 'xp_deployment'] as const;
const startTimeoutSeconds = 90;

/** A DATABASE_URL / TEST_DATABASE_ADMIN_URL naming another server means an external PostgreSQL. */
export function externalPostgresUrl(settings: LocalSettings, env: NodeJS.ProcessEnv): string | undefined {
  for (const raw of [env.TEST_DATABASE_ADMIN_URL, env.DATABASE_URL]) {
    if (!raw?.trim()) continue;
    const url = new URL(raw);
    const local = ['127.0.0.1', 'localhost'].includes(url.hostname) && Number(url.port || 5432) === settings.postgresPort;
    if (!local) return raw;
  }
  return undefined;
}

/** Runs a PostgreSQL binary as the postgres user, in its own session so it outlives us. */
function runAsPostgres(file: string, args: string[], runAs: RunAs | undefined, cwd: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      ...(runAs ?? {}),
      cwd,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, LC_MESSAGES: 'C', LC_ALL: 'C' },
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, output }));
  });
}

function chownTo(file: string, runAs: RunAs | undefined): void {
  if (runAs) fs.chownSync(file, runAs.uid, runAs.gid);
}

export function createPostgresEngine(settings: LocalSettings, log: (line: string) => void, env = process.env): Engine {
  const external = externalPostgresUrl(settings, env);
  const url = external ?? adminUrl(settings.postgresPort);
  const pidFile = path.join(settings.runDir, 'postgres.pid');
  const lock = path.join(settings.runDir, 'postgres.lock');
  const address = external ? new URL(external).host : `127.0.0.1:${settings.postgresPort}`;

  async function status(): Promise<EngineStatus> {
    const up = await postgresAnswers(url);
    const pid = external ? undefined : livePid(pidFile);
    return { name: 'postgres', up, address, mode: external ? 'external' : 'local', detail: pid ? `pid ${pid}` : undefined };
  }

  async function initialise(layout: PostgresLayout, runAs: RunAs | undefined): Promise<void> {
    fs.mkdirSync(layout.dataDir, { recursive: true, mode: 0o700 });
    chownTo(layout.dataDir, runAs);
    if (fs.existsSync(path.join(layout.dataDir, 'PG_VERSION'))) return;
    log(`initialising a PostgreSQL cluster in ${layout.dataDir}`);
    const pwFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'xp-pg-')), 'pw');
    fs.chmodSync(path.dirname(pwFile), 0o755);
    fs.writeFileSync(pwFile, 'postgres\n', { mode: 0o600 });
    chownTo(pwFile, runAs);
    try {
      const initdb = path.join(layout.binDir, 'initdb');
      const args = [`--pgdata=${layout.dataDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwFile}`,
        '--encoding=UTF8', '--locale=C', '--no-sync', '--no-instructions'];
      const result = await runAsPostgres(initdb, args, runAs, layout.dataDir);
      if (result.code !== 0) throw new Error(`initdb failed (exit ${result.code}):\n${result.output}`);
    } finally {
      fs.rmSync(path.dirname(pwFile), { recursive: true, force: true });
    }
    fs.appendFileSync(path.join(layout.dataDir, 'postgresql.conf'), "\ninclude_if_exists = 'xp-launcher.conf'\n");
  }

  function writeLauncherConf(layout: PostgresLayout, runAs: RunAs | undefined): void {
    const conf = path.join(layout.dataDir, 'xp-launcher.conf');
    // Rewritten on every start so a changed POSTGRES_PORT takes effect. No unix socket:
    // clients use TCP, and the default socket directory may not exist on this machine.
    fs.writeFileSync(conf, [
      `port = ${settings.postgresPort}`,
      "listen_addresses = '127.0.0.1'",
      "unix_socket_directories = ''",
      'max_connections = 200',
      '',
    ].join('\n'));
    chownTo(conf, runAs);
    fs.closeSync(fs.openSync(layout.logFile, 'a'));
    chownTo(layout.logFile, runAs);
  }

  async function start(): Promise<boolean> {
    return withFileLock(lock, (startTimeoutSeconds + 60) * 1000, async () => {
      if (await postgresAnswers(url)) {
        await ensureDatabases(url, serviceDatabases);
        return false;
      }
      const runAs = postgresRunAs(log);
      const layout = postgresLayout(settings, runAs, log);
      await initialise(layout, runAs);
      writeLauncherConf(layout, runAs);
      fs.mkdirSync(settings.runDir, { recursive: true });
      log(`starting PostgreSQL on ${address} (log ${layout.logFile})`);
      const pgCtl = path.join(layout.binDir, 'pg_ctl');
      const args = ['start', '-D', layout.dataDir, '-l', layout.logFile, '-w', '-t', String(startTimeoutSeconds)];
      const result = await runAsPostgres(pgCtl, args, runAs, layout.dataDir);
      const pid = readPidFile(path.join(layout.dataDir, 'postmaster.pid'));
      if (pid !== undefined && isAlive(pid)) fs.writeFileSync(pidFile, String(pid));
      const ready = result.code === 0 && (await waitUntil(() => postgresAnswers(url), 30_000, 250));
      if (!ready) {
        throw new Error(`PostgreSQL did not start (pg_ctl exit ${result.code}): ${result.output.trim()}\n` +
          `Last lines of ${layout.logFile}:\n${logTail(layout.logFile)}`);
      }
      const created = await ensureDatabases(url, serviceDatabases);
      if (created.length) log(`created databases ${created.join(', ')}`);
      log(`PostgreSQL is up on ${address}`);
      return true;
    });
  }

  async function stop(): Promise<void> {
    const runAs = postgresRunAs(log);
    const layout = postgresLayout(settings, runAs, log);
    // The data dir's own pid file also covers a server whose launcher pid file was lost.
    const postmasterPid = readPidFile(path.join(layout.dataDir, 'postmaster.pid'));
    const pid = livePid(pidFile) ?? (postmasterPid !== undefined && isAlive(postmasterPid) ? postmasterPid : undefined);
    if (pid === undefined) return;
    log(`stopping PostgreSQL (pid ${pid})`);
    const args = ['stop', '-D', layout.dataDir, '-m', 'fast', '-w', '-t', '30'];
    const result = await runAsPostgres(path.join(layout.binDir, 'pg_ctl'), args, runAs, layout.dataDir);
    // pg_ctl failing (e.g. data dir moved) still must not leave the server running.
    if (result.code !== 0 || isAlive(pid)) await terminate(pid, 15_000);
    fs.rmSync(pidFile, { force: true });
  }

  if (external) {
    return { name: 'postgres', managed: false, status, start: async () => false, stop: async () => undefined };
  }
  return { name: 'postgres', managed: true, status, start, stop };
}
