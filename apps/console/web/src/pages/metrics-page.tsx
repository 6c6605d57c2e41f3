import { useState } from 'preact/hooks';
import type { Experiment, Metric } from '../lib/types';
import { metricUsers } from '../lib/where-used';
import { useSession } from '../session';
import { Loading, useLoad } from '../ui';
import { EntityEditor } from './entity-editor';

const TEMPLATE = { key: 'purchase', description: 'Checkout conversion', eventName: 'purchase', kind: 'binomial', direction: 'increase' };

export function MetricsPage() {
  const { client, isAdmin } = useSession();
  const [editing, setEditing] = useState<string>();
  const state = useLoad(async () => {
    const [metrics, experiments] = await Promise.all([client.get<{ items: Metric[] }>('config', '/v1/metrics'), client.get<{ items: Experiment[] }>('config', '/v1/experiments')]);
    return { metrics: metrics.items, experiments: experiments.items };
  }, [client]);
  const done = () => { setEditing(undefined); state.reload(); };
  return (
    <main>
      <h1>Metrics</h1>
      {isAdmin && editing !== 'new' && <button type="button" onClick={() => setEditing('new')}>New metric</button>}
      {editing === 'new' && <EntityEditor kind="metrics" initial={TEMPLATE} onSaved={done} onCancel={() => setEditing(undefined)} />}
      <Loading state={state}>
        {({ metrics, experiments }) => (
          <table>
            <caption>{metrics.length} metrics</caption>
            <thead><tr><th scope="col">Key</th><th scope="col">Kind</th><th scope="col">Event</th><th scope="col">Good direction</th><th scope="col">Used by</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
            <tbody>
              {metrics.map((m) => (
                <tr key={m.key}>
                  <td>{m.key}<div class="muted">{m.description}</div></td>
                  <td>{m.kind}</td>
                  <td>{m.eventName}{m.valueProperty ? ` (${m.valueProperty})` : ''}</td>
                  <td>{m.direction}</td>
                  <td>{metricUsers(m.key, experiments).map((u) => <div key={u}><a href={`/experiments/${u.split(' ')[0]}`}>{u}</a></div>)}</td>
                  {isAdmin && <td>{editing === m.key ? <EntityEditor kind="metrics" initial={m as unknown as Record<string, unknown>} version={m.version} onSaved={done} onCancel={() => setEditing(undefined)} /> : <button type="button" class="secondary" onClick={() => setEditing(m.key)}>Edit {m.key}</button>}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
    </main>
  );
}
