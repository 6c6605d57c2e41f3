import type { Experiment } from '../lib/types';
import { useSession } from '../session';
import { Badge, Loading, useLoad } from '../ui';

export const statusTone = (s: string) => (s === 'running' ? 'good' : s === 'paused' ? 'warn' : 'neutral');

export function ExperimentsPage() {
  const { client, isAdmin } = useSession();
  const state = useLoad(() => client.get<{ items: Experiment[] }>('config', '/v1/experiments'), [client]);
  return (
    <main>
      <h1>Experiments</h1>
      {isAdmin && <p><a class="button" href="/experiments/new">New experiment</a></p>}
      <Loading state={state}>
        {({ items }) => (
          <table>
            <caption>{items.length} experiments</caption>
            <thead><tr><th scope="col">Key</th><th scope="col">Status</th><th scope="col">Flag</th><th scope="col">Primary metric</th><th scope="col">Stage</th></tr></thead>
            <tbody>
              {items.map((e) => (
                <tr key={e.key}>
                  <td><a href={`/experiments/${e.key}`}>{e.key}</a><div class="muted">{e.hypothesis}</div></td>
                  <td><Badge tone={statusTone(e.status)}>{e.status}</Badge>{e.winner ? ` winner ${e.winner}` : ''}</td>
                  <td><a href={`/flags/${e.flagKey}`}>{e.flagKey}</a></td>
                  <td>{e.primaryMetric}</td>
                  <td>{e.rolloutPercentage ?? e.rolloutPolicy.stages[e.currentStageIndex]} % (stage {e.currentStageIndex + 1} of {e.rolloutPolicy.stages.length})</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
    </main>
  );
}
