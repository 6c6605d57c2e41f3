import type { ConfigServiceClient } from '../config-client/config-service.client';
import type { ConfigCommand } from '../rollouts/rollout-effects';
import { chooseWinner } from './choose-winner';

/**
 * Performs one config-service command for an experiment. Each is safe to repeat after a crash:
 * the rollout command is idempotent by decision id there, and conclude / kill switch / pause read
 * the current state first and do only what is still missing.
 */
export async function executeConfigCommand(client: ConfigServiceClient, experimentKey: string, command: ConfigCommand): Promise<void> {
  switch (command.type) {
    case 'rollout': {
      const { type: _type, ...body } = command;
      await client.rollout(experimentKey, body);
      return;
    }
    case 'conclude': {
      // The lifecycle only allows paused -> concluded, so a running experiment is paused first.
      let experiment = await client.getExperiment(experimentKey);
      if (experiment.status === 'running') experiment = await client.lifecycle(experimentKey, 'pause', experiment.version);
      if (experiment.status === 'paused') {
        await client.lifecycle(experimentKey, 'conclude', experiment.version, chooseWinner(experiment, command.winner, command.evidence));
      }
      return;
    }
    case 'kill_switch': {
      const experiment = await client.getExperiment(experimentKey);
      // Only the environment the experiment runs in: a rollback in staging leaves production alone.
      const flag = await client.getFlag(experiment.flagKey, experiment.environment);
      if (flag.enabled) await client.killSwitch(flag.key, false, flag.version, experiment.environment);
      return;
    }
    case 'pause_experiment': {
      const experiment = await client.getExperiment(experimentKey);
      if (experiment.status === 'running') await client.lifecycle(experimentKey, 'pause', experiment.version);
      return;
    }
  }
}
