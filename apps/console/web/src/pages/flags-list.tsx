import { useState } from 'preact/hooks';
import { allTags, filterFlags, lastChangedByFlag, type FlagFilter } from '../lib/flag-filters';
import { time } from '../lib/format';
import type { AuditItem, Flag, FlagUsageReport } from '../lib/types';
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
  const [filter, setFilter] = useState<FlagFilter>({ search: '', status: 'all', type: 'all', changedWithinDays: 0, tag: '', staleForDays: 0 });
  const [creating, setCreating] = useState(false);
  const state = useLoad(async () => {
    const [flags, audit] = await Promise.all([
      client.get<{ items: Flag[] }>('config', '/v1/flags?includeArchived=true'),
      recentAudit((path) => client.get('config', path)),
    ]);
    return { flags: flags.items, lastChanged: lastChangedByFlag(audit) };
  }, [client]);
  // Last evaluated per flag (every live flag), from config-service's flag usage.
  const usage = useLoad(async () => {
    const report = await client.get<FlagUsageReport>('config', '/v1/flag-usage');
    return Object.fromEntries(report.items.map((i) => [i.flagKey, i.lastEvaluatedAt])) as Record<string, string | null>;
  }, [client]);
  // With the stale filter on: the flags config-service lists as stale for that many days.
  const stale = useLoad(async () => {
    if (filter.staleForDays === 0) return { days: 0, keys: new Set<string>() };
    const report = await client.get<FlagUsageReport>('config', `/v1/flag-usage?staleAfterDays=${filter.staleForDays}`);
    return { days: filter.staleForDays, keys: new Set(report.items.map((i) => i.flagKey)) };
  }, [client, filter.staleForDays]);
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
        <label>Tag
          <select value={filter.tag} onChange={(e) => set({ tag: e.currentTarget.value })}>
            <option value="">any</option>
            {(state.data ? allTags(state.data.flags) : []).map((t) => <option key={t} value={t}>{t}</option>)}
          </select>
        </label>
        <label>Stale for
          <select value={String(filter.staleForDays)} onChange={(e) => set({ staleForDays: Number(e.currentTarget.value) })}>
            <option value="0">any</option><option value="7">7 days</option><option value="30">30 days</option><option value="90">90 days</option>
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
          // Until the list for the chosen period is in, the stale filter shows nothing rather than the wrong flags.
          const staleKeys = stale.data?.days === filter.staleForDays ? stale.data.keys : new Set<string>();
          const shown = filterFlags(flags, filter, lastChanged, Date.now(), staleKeys);
          const lastEvaluated = usage.data ?? {};
          return (
            <table>
              <caption>{shown.length} of {flags.length} flags</caption>
              <thead><tr><th scope="col">Key</th><th scope="col">Status</th><th scope="col">Type</th><th scope="col">Variants</th><th scope="col">Rules</th><th scope="col">Tags</th><th scope="col">Last evaluated</th><th scope="col">Last changed</th></tr></thead>
              <tbody>
                {shown.map((f) => (
                  <tr key={f.key}>
                    <td><a href={`/flags/${f.key}`}>{f.key}</a><div class="muted">{f.description}</div></td>
                    <td>{f.archived ? <Badge>archived</Badge> : f.enabled ? <Badge tone="good">on</Badge> : <Badge tone="bad">off</Badge>}</td>
                    <td>{f.valueType}</td>
                    <td>{f.variants.map((v) => v.key).join(', ')}</td>
                    <td>{f.rules.length}</td>
                    <td>{(f.tags ?? []).map((t) => <Badge key={t}>{t}</Badge>)}</td>
                    <td>{lastEvaluated[f.key] ? time(lastEvaluated[f.key] as string) : f.archived ? '' : 'never'}</td>
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
