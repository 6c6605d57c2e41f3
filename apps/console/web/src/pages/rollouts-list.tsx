import { time } from '../lib/format';
import type { Deployment, Experiment } from '../lib/types';
import { useSession } from '../session';
import { Badge, Loading, useLoad } from '../ui';
import { POLL_MS } from './experiment-page';

/** Every experiment's rollout with its blue/green deployment (when one is registered), live. */
export function RolloutsPage() {
  const { client } = useSession();
  const state = useLoad(async () => {
    const [deployments, experiments] = await Promise.all([
      client.get<{ items: Deployment[] }>('deployment', '/v1/deployments?includeArchived=true'),
      client.get<{ items: Experiment[] }>('config', '/v1/experiments'),
    ]);
    return { deployments: deployments.items, experiments: experiments.items };
  }, [client], POLL_MS);
  return (
    <main>
      <h1>Rollouts and deployments</h1>
      <Loading state={state}>
        {({ deployments, experiments }) => (
          <table>
            <caption>{experiments.length} experiments, {deployments.length} deployment records</caption>
            <thead><tr><th scope="col">Experiment</th><th scope="col">Status</th><th scope="col">Traffic</th><th scope="col">Service</th><th scope="col">Blue / green</th><th scope="col">Deployment</th><th scope="col">Updated</th></tr></thead>
            <tbody>
              {experiments.map((e) => {
                const d = deployments.find((x) => x.experimentKey === e.key);
                return (
                  <tr key={e.key}>
                    <td><a href={`/rollouts/${e.key}`}>{e.key}</a></td>
                    <td>{e.status}</td>
                    <td>{e.rolloutPercentage ?? e.rolloutPolicy.stages[e.currentStageIndex]} %</td>
                    <td>{d?.service ?? '—'}</td>
                    <td>{d ? `${d.weights.blue} / ${d.weights.green} (${d.activeColour} active)` : '—'}</td>
                    <td>{d ? <Badge tone={d.status === 'ROLLED_BACK' ? 'bad' : d.status === 'COMPLETED' ? 'good' : 'neutral'}>{d.status}</Badge> : '—'}</td>
                    <td>{d ? time(d.updatedAt) : ''}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </Loading>
    </main>
  );
}
