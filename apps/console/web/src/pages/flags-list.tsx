import { useState } from 'preact/hooks';
import { filterFlags, lastChangedByFlag, type FlagFilter } from '../lib/flag-filters';
import { time } from '../lib/format';
import type { AuditItem, Flag } from '../lib/types';
import { useSession } from '../session';
import { Badge, Loading, useLoad } from '../ui';
import { FlagForm } from './flag-form';

/** The audit in global order, a few pages (the API pages from the oldest). */
async function recentAudit(get: (path: string) => Promise<{ items: AuditItem[] }>): Promise<AuditItem[]> {
  const all: AuditItem[] = [];
  for (let page = 0, after = 0; page < 5; page++) {
    const { items } = await get(`/v1/audit?after=${after}&limit=1000`);
    all.push(...items);
    if (items.length < 1000) break;
    after = items[items.length - 1].position;
  }
  return all;
}

export function FlagsPage() {
  const { client, isAdmin } = useSession();
  const [filter, setFilter] = useState<FlagFilter>({ search: '', status: 'all', type: 'all', changedWithinDays: 0 });
  const [creating, setCreating] = useState(false);
  const state = useLoad(async () => {
    const [flags, audit] = await Promise.all([
      client.get<{ items: Flag[] }>('config', '/v1/flags?includeArchived=true'),
      recentAudit((path) => client.get('config', path)),
    ]);
    return { flags: flags.items, lastChanged: lastChangedByFlag(audit) };
  }, [client]);
  const set = (patch: Partial<FlagFilter>) => setFilter({ ...filter, ...patch });
  return (
    <main>
      <h1>Flags</h1>
      {isAdmin && !creating && <button type="button" onClick={() => setCreating(true)}>New flag</button>}
      {creating && <FlagForm onSaved={(flag) => { setCreating(false); location.assign(`/flags/${flag.key}`); }} onCancel={() => setCreating(false)} />}
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>Search <input type="search" value={filter.search} onInput={(e) => set({ search: e.currentTarget.value })} /></label>
        <label>Status
          <select value={filter.status} onChange={(e) => set({ status: e.currentTarget.value as FlagFilter['status'] })}>
            <option value="all">all live</option><option value="on">on</option><option value="off">off (killed)</option><option value="archived">archived</option>
          </select>
        </label>
        <label>Type
          <select value={filter.type} onChange={(e) => set({ type: e.currentTarget.value as FlagFilter['type'] })}>
            <option value="all">any</option><option value="boolean">boolean</option><option value="string">string</option><option value="number">number</option><option value="json">json</option>
          </select>
        </label>
        <label>Changed within
          <select value={String(filter.changedWithinDays)} onChange={(e) => set({ changedWithinDays: Number(e.currentTarget.value) })}>
            <option value="0">any time</option><option value="1">1 day</option><option value="7">7 days</option><option value="30">30 days</option>
          </select>
        </label>
      </form>
      <Loading state={state}>
        {({ flags, lastChanged }) => {
          const shown = filterFlags(flags, filter, lastChanged, Date.now());
          return (
            <table>
              <caption>{shown.length} of {flags.length} flags</caption>
              <thead><tr><th scope="col">Key</th><th scope="col">Status</th><th scope="col">Type</th><th scope="col">Variants</th><th scope="col">Rules</th><th scope="col">Last changed</th></tr></thead>
              <tbody>
                {shown.map((f) => (
                  <tr key={f.key}>
                    <td><a href={`/flags/${f.key}`}>{f.key}</a><div class="muted">{f.description}</div></td>
                    <td>{f.archived ? <Badge>archived</Badge> : f.enabled ? <Badge tone="good">on</Badge> : <Badge tone="bad">off</Badge>}</td>
                    <td>{f.valueType}</td>
                    <td>{f.variants.map((v) => v.key).join(', ')}</td>
                    <td>{f.rules.length}</td>
                    <td>{lastChanged[f.key] ? time(lastChanged[f.key]) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loading>
    </main>
  );
}
