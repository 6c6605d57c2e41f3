import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * A Kafka broker of its own (the launcher's engine, `infra/src/cli.ts`, on other ports and another state
 * directory), for a test that stops and restarts Kafka without disturbing the tests sharing the usual one.
 * The broker's jars are the shared ones (linked, not downloaded again).
 */
export class PrivateKafka {
  readonly brokers: string;
  private readonly env: NodeJS.ProcessEnv;

  constructor(name: string, port: number) {
    const localDir = path.join(repoRoot, '.local', name);
    fs.rmSync(path.join(localDir, 'kafka', 'data'), { recursive: true, force: true });
    fs.mkdirSync(path.join(localDir, 'kafka'), { recursive: true });
    const libs = path.join(localDir, 'kafka', 'libs');
    if (!fs.existsSync(libs)) fs.symlinkSync(path.join(repoRoot, '.local', 'kafka', 'libs'), libs);
    this.brokers = `127.0.0.1:${port}`;
    this.env = { ...process.env, XP_LOCAL_DIR: localDir, KAFKA_PORT: String(port), KAFKA_CONTROLLER_PORT: String(port + 1), KAFKA_BROKERS: this.brokers };
  }

  start(): Promise<void> {
    return this.cli('up');
  }

  stop(): Promise<void> {
    return this.cli('down');
  }

  private async cli(command: 'up' | 'down'): Promise<void> {
    await run(process.execPath, ['-r', '@swc-node/register', 'infra/src/cli.ts', command, 'kafka'], { cwd: repoRoot, env: this.env, timeout: 180_000 });
  }
}
