import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@xp/platform/testing';

const repoRoot = join(__dirname, '..', '..', '..', '..');

/**
 * A PostgreSQL server of its own, run by the launcher's CLI (`infra/src/cli.ts up|down postgres`)
 * in a private state directory and port, so that a test can stop and start it without taking the
 * shared engine away from the other test files running at the same time.
 */
export class PrivatePostgres {
  private constructor(
    private readonly dir: string,
    readonly port: number,
  ) {}

  static async create(): Promise<PrivatePostgres> {
    const dir = mkdtempSync(join(tmpdir(), 'xp-private-pg-'));
    // The server runs as the postgres OS user when we are root: it must be able to enter the directory.
    chmodSync(dir, 0o755);
    return new PrivatePostgres(dir, await freePort());
  }

  /** `xp_config` and `xp_deployment` exist once it is up (the launcher creates them). */
  databaseUrl(database = 'xp_config'): string {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${database}`;
  }

  start(): Promise<void> {
    return this.cli('up');
  }

  /** `pg_ctl stop -m fast`: open sessions are terminated (57P01), new connections refused. */
  stop(): Promise<void> {
    return this.cli('down');
  }

  async destroy(): Promise<void> {
    await this.stop().catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private cli(command: 'up' | 'down'): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env, XP_LOCAL_DIR: this.dir, POSTGRES_PORT: String(this.port) };
    // These would make the launcher treat the shared server as an external PostgreSQL.
    delete env.TEST_DATABASE_ADMIN_URL;
    delete env.DATABASE_URL;
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', join(repoRoot, 'infra/src/cli.ts'), command, 'postgres'], {
        cwd: repoRoot,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d) => (output += String(d)));
      child.stderr.on('data', (d) => (output += String(d)));
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`infra ${command} postgres exited with ${code}:\n${output}`))));
    });
  }
}
