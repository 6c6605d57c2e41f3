import { useState } from 'preact/hooks';
import type { Flag, Segment } from '../lib/types';
import { segmentUsers } from '../lib/where-used';
import { useSession } from '../session';
import { Loading, useLoad } from '../ui';
import { EntityEditor } from './entity-editor';

const TEMPLATE = { key: 'beta-testers', description: 'Users in the beta programme', conditions: [{ attribute: 'beta', operator: 'eq', values: [true] }] };

export function SegmentsPage() {
  const { client, isAdmin } = useSession();
  const [editing, setEditing] = useState<string>();
  const state = useLoad(async () => {
    const [segments, flags] = await Promise.all([client.get<{ items: Segment[] }>('config', '/v1/segments'), client.get<{ items: Flag[] }>('config', '/v1/flags')]);
    return { segments: segments.items, flags: flags.items };
  }, [client]);
  const done = () => { setEditing(undefined); state.reload(); };
  return (
    <main>
      <h1>Segments</h1>
      {isAdmin && editing !== 'new' && <button type="button" onClick={() => setEditing('new')}>New segment</button>}
      {editing === 'new' && <EntityEditor kind="segments" initial={TEMPLATE} onSaved={done} onCancel={() => setEditing(undefined)} />}
      <Loading state={state}>
        {({ segments, flags }) => (
          <table>
            <caption>{segments.length} segments</caption>
            <thead><tr><th scope="col">Key</th><th scope="col">Conditions</th><th scope="col">Used by</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
            <tbody>
              {segments.map((s) => (
                <tr key={s.key} id={s.key}>
                  <td>{s.key}<div class="muted">{s.description}</div></td>
                  <td>{s.conditions.map((c) => `${c.attribute} ${c.operator} ${c.values.map((v) => JSON.stringify(v)).join(', ')}`).join(' and ')}</td>
                  <td>{segmentUsers(s.key, flags, segments).join(', ') || '—'}</td>
                  {isAdmin && <td>{editing === s.key ? <EntityEditor kind="segments" initial={s as unknown as Record<string, unknown>} version={s.version} onSaved={done} onCancel={() => setEditing(undefined)} /> : <button type="button" class="secondary" onClick={() => setEditing(s.key)}>Edit {s.key}</button>}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Loading>
    </main>
  );
}
