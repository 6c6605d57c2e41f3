import { makeEnvelope } from '@xp/contracts';
import { ContractProducer } from '@xp/kafka';
import { kafkaForTests, TcpGate, waitFor } from '@xp/kafka/testing';
import { createTestDatabase, type TestDatabase } from '@xp/postgres';
import { randomBytes } from 'node:crypto';
import { ConfigServiceApi } from '../testing/config-service-api';
import { ConfigServiceProcess, freePort } from '../testing/config-service-process';
import { decision, DeploymentHarness } from '../testing/deployment-harness';
import { DeploymentProcess } from '../testing/deployment-process';

const STAGES = [1, 5, 25, 100];

interface Readiness {
  status: number;
  body: { status: string; checks: Record<string, string>; waitingFor?: Record<string, string> };
}

async function readiness(url: string): Promise<Readiness | undefined> {
  try {
    const res = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(5000) });
    return { status: res.status, body: (await res.json()) as Readiness['body'] };
  } catch {
    return undefined; // not listening (yet)
  }
}

function brokerAddress(): { host: string; port: number } {
  const [host, port] = (process.env.KAFKA_BROKERS ?? '127.0.0.1:19092').split(',')[0].split(':');
  return { host, port: Number(port) };
}

describe('deployment-service listens first; its decision consumer joins in the background (real Kafka, PostgreSQL)', () => {
  let deploymentDb: TestDatabase;

  beforeAll(async () => {
    deploymentDb = await createTestDatabase('xp_dep_bg');
  });

  afterAll(async () => {
    await deploymentDb?.drop();
  });

  it('starts while Kafka is unreachable, serves its API, and becomes ready once Kafka comes up', async () => {
    const gate = new TcpGate(await freePort(), brokerAddress());
    // Nothing listens on the gate's port yet: the only broker address the service knows refuses connections.
    const dep = new DeploymentHarness(deploymentDb.url, 'http://127.0.0.1:1', { KAFKA_BROKERS: gate.address });
    try {
      await dep.start();
      expect((await fetch(`${dep.url}/health`)).status).toBe(200);
      const down = await readiness(dep.url);
      expect(down?.status).toBe(503);
      expect(down?.body.checks).toMatchObject({ postgres: 'up', kafka: 'down', 'decision consumer': 'starting' });
      expect(down?.body.waitingFor?.['decision consumer']).toMatch(/^starting/);
      expect(await dep.http('GET', '/v1/deployments')).toEqual({ status: 200, body: { items: [] } });
      expect((await dep.http('POST', '/v1/rollouts/nothing-here/rollback')).body).toMatchObject({ error: { code: 'rollout_not_found' } });

      await gate.open();
      await waitFor('readiness once Kafka is reachable', async () => (await readiness(dep.url))?.status === 200, { timeoutMs: 90_000, intervalMs: 250 });
      expect((await readiness(dep.url))?.body).toEqual({ status: 'ok', checks: { postgres: 'up', kafka: 'up', 'decision consumer': 'up' } });
    } finally {
      await dep.stop();
      await gate.close();
    }
  });

  describe('SIGKILLed and restarted', () => {
    let configDb: TestDatabase;
    let configService: ConfigServiceProcess;
    let api: ConfigServiceApi;
    const kafka = kafkaForTests('deployment-restart-test');
    const producer = new ContractProducer(kafka);

    beforeAll(async () => {
      configDb = await createTestDatabase('xp_dep_bg_cfg');
      configService = new ConfigServiceProcess(await freePort(), configDb.url);
      await configService.start();
      api = new ConfigServiceApi(configService.url);
      await producer.connect();
    });

    afterAll(async () => {
      await producer.disconnect();
      await configService?.stop();
      await configDb?.drop();
    });

    it('answers HTTP, operator rollback included, before its consumer has rejoined the group', async () => {
      const prefix = `bg-${randomBytes(4).toString('hex')}.`;
      const key = `restart-${randomBytes(3).toString('hex')}`;
      await api.createRunningExperiment(key, STAGES);
      // A session longer than any start-up here: the dead member holds the partitions until it expires.
      const dep = new DeploymentProcess(await freePort(), {
        DATABASE_URL: deploymentDb.url,
        CONFIG_SERVICE_URL: configService.url,
        KAFKA_TOPIC_PREFIX: prefix,
        KAFKA_SESSION_TIMEOUT_MS: '30000',
      });
      const ready = () => waitFor('deployment-service ready', async () => {
        if (dep.exited) throw new Error(`deployment-service exited: ${dep.output}`);
        return (await readiness(dep.url))?.status === 200;
      }, { timeoutMs: 120_000, intervalMs: 250 });
      try {
        dep.spawn();
        await ready();
        await producer.send(`${prefix}xp.decisions`, 'rollout.decision', [{ key, envelope: makeEnvelope('rollout.decision', decision(key, 'ADVANCE', 0)) }]);
        await waitFor('the decision applied', async () => {
          const res = await fetch(`${dep.url}/v1/rollouts/${key}`, { headers: { authorization: 'Bearer dev-reader-key' } });
          return res.ok && ((await res.json()) as { status: string }).status === 'running';
        });

        await dep.kill('SIGKILL');
        dep.spawn();
        let first: Readiness | undefined;
        await waitFor('HTTP after the restart', async () => {
          if (dep.exited) throw new Error(`deployment-service exited: ${dep.output}`);
          return (first = await readiness(dep.url)) !== undefined;
        }, { timeoutMs: 120_000, intervalMs: 100 });
        // The first answer comes while the consumer still waits for the dead member's session to end.
        expect(first?.status).toBe(503);
        expect(first?.body.checks).toMatchObject({ postgres: 'up', kafka: 'up', 'decision consumer': 'starting' });
        expect(first?.body.waitingFor?.['decision consumer']).toMatch(/^(starting|joining the consumer group)/);

        const rollback = await fetch(`${dep.url}/v1/rollouts/${key}/rollback`, {
          method: 'POST',
          headers: { authorization: 'Bearer dev-admin-key', 'content-type': 'application/json' },
          body: JSON.stringify({ reason: 'operator while the consumer rejoins' }),
        });
        const afterRollback = await readiness(dep.url);
        expect(rollback.status).toBe(200);
        expect(((await rollback.json()) as { rollout: { status: string } }).rollout.status).toBe('rolled_back');
        // Still rejoining when the rollback had already been answered: the operator API did not wait for Kafka's group.
        expect(afterRollback?.body.checks['decision consumer']).toBe('starting');

        await ready();
        expect((await readiness(dep.url))?.body.checks['decision consumer']).toBe('up');
      } finally {
        await dep.kill('SIGTERM');
      }
    });
  });
});
