import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine, EngineStatus } from './engine';
import { withFileLock } from './file-lock';
import { assertJava17 } from './java-toolchain';
import { newClusterId, renderLog4jProperties, renderServerProperties } from './kafka-config';
import { ensureKafkaJars } from './kafka-jars';
import { kafkaAnswers } from './kafka-probe';
import { LocalSettings } from './local-settings';
import { livePid, terminate, waitUntil } from './process-control';
import { logTail } from './log-tail';

const startTimeoutMs = 120_000;

/** KAFKA_BROKERS set to anything but the local broker means an external cluster. */
export function externalKafkaBrokers(settings: LocalSettings, env: NodeJS.ProcessEnv): string[] | undefined {
  const raw = env.KAFKA_BROKERS?.trim();
  if (!raw) return undefined;
  const brokers = raw.split(',').map((b) => b.trim()).filter(Boolean);
  const local = [`127.0.0.1:${settings.kafkaPort}`, `localhost:${settings.kafkaPort}`];
  return brokers.every((b) => local.includes(b)) ? undefined : brokers;
}

export function createKafkaEngine(settings: LocalSettings, log: (line: string) => void, env = process.env): Engine {
  const external = externalKafkaBrokers(settings, env);
  const brokers = external ?? [`127.0.0.1:${settings.kafkaPort}`];
  const home = path.join(settings.localDir, 'kafka');
  const files = {
    props: path.join(home, 'server.properties'),
    log4j: path.join(home, 'log4j.properties'),
    data: path.join(home, 'data'),
    log: path.join(settings.logsDir, 'kafka.log'),
    pid: path.join(settings.runDir, 'kafka.pid'),
    lock: path.join(settings.runDir, 'kafka.lock'),
  };

  async function status(): Promise<EngineStatus> {
    const up = await kafkaAnswers(brokers);
    const pid = external ? undefined : livePid(files.pid);
    const detail = pid ? `pid ${pid}, log ${files.log}` : undefined;
    return { name: 'kafka', up, address: brokers.join(','), mode: external ? 'external' : 'local', detail };
  }

  function writeConfig(): void {
    fs.mkdirSync(files.data, { recursive: true });
    fs.mkdirSync(settings.logsDir, { recursive: true });
    fs.mkdirSync(settings.runDir, { recursive: true });
    const config = { port: settings.kafkaPort, controllerPort: settings.kafkaControllerPort, logDir: files.data };
    fs.writeFileSync(files.props, renderServerProperties(config));
    fs.writeFileSync(files.log4j, renderLog4jProperties());
  }

  function formatStorageOnce(libs: string): void {
    if (fs.existsSync(path.join(files.data, 'meta.properties'))) return;
    log('formatting Kafka storage (KRaft)');
    const result = spawnSync(
      'java',
      ['-cp', `${libs}/*`, `-Dlog4j.configuration=file:${files.log4j}`, 'kafka.tools.StorageTool', 'format',
        '-t', newClusterId(), '-c', files.props, '--ignore-formatted'],
      { encoding: 'utf8' },
    );
    if (result.status !== 0) throw new Error(`Kafka storage format failed:\n${result.stdout}${result.stderr}`);
  }

  function launch(libs: string): number {
    const heap = (env.KAFKA_HEAP_OPTS || '-Xms256m -Xmx768m').split(/\s+/);
    const out = fs.openSync(files.log, 'a');
    // Detached in its own session: `infra:up` returns and Ctrl-C in the shell does not reach it.
    const child = spawn(
      'java',
      [...heap, '-XX:+UseG1GC', '-Djava.awt.headless=true', `-Dlog4j.configuration=file:${files.log4j}`,
        `-Dkafka.logs.dir=${settings.logsDir}`, '-cp', `${libs}/*`, 'kafka.Kafka', files.props],
      { detached: true, stdio: ['ignore', out, out], cwd: home },
    );
    fs.closeSync(out);
    child.unref();
    if (!child.pid) throw new Error('could not spawn java for Kafka');
    fs.writeFileSync(files.pid, String(child.pid));
    return child.pid;
  }

  async function start(): Promise<boolean> {
    return withFileLock(files.lock, startTimeoutMs + 60_000, async () => {
      const running = livePid(files.pid);
      if (await kafkaAnswers(brokers)) return false;
      if (running === undefined) {
        assertJava17();
        const libs = ensureKafkaJars(settings, log);
        writeConfig();
        formatStorageOnce(libs);
        log(`starting Kafka on 127.0.0.1:${settings.kafkaPort} (log ${files.log})`);
        launch(libs);
      } else {
        log(`Kafka process ${running} exists but does not answer yet; waiting for it`);
      }
      const pid = livePid(files.pid);
      const ready = await waitUntil(async () => livePid(files.pid) === undefined || (await kafkaAnswers(brokers)), startTimeoutMs, 500);
      if (!ready || livePid(files.pid) === undefined) {
        if (pid !== undefined) await terminate(pid, 10_000);
        fs.rmSync(files.pid, { force: true });
        const why = ready ? 'exited during start-up' : `did not answer within ${startTimeoutMs / 1000} s`;
        throw new Error(`Kafka ${why}. Last lines of ${files.log}:\n${logTail(files.log)}`);
      }
      log(`Kafka is up on ${brokers.join(',')}`);
      return true;
    });
  }

  async function stop(): Promise<void> {
    const pid = livePid(files.pid);
    if (pid !== undefined) {
      log(`stopping Kafka (pid ${pid})`);
      await terminate(pid, 30_000);
    }
    fs.rmSync(files.pid, { force: true });
  }

  if (external) {
    return { name: 'kafka', managed: false, status, start: async () => false, stop: async () => undefined };
  }
  return { name: 'kafka', managed: true, status, start, stop };
}
