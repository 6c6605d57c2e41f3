import { useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import type { Condition, Flag } from '../lib/types';
import { useSession } from '../session';
import { Badge, ConfirmButton, Json, Loading, useLoad } from '../ui';
import { AsOf } from './as-of';
import { FlagForm } from './flag-form';
import { History } from './history';

const conditionText = (c: Condition) => `${c.attribute} ${c.negate ? 'not ' : ''}${c.operator} ${c.values.map((v) => JSON.stringify(v)).join(', ')}`;

export function FlagPage() {
  const { params } = useRoute();
  const { query } = useLocation();
  const { client, isAdmin } = useSession();
  const [editing, setEditing] = useState(false);
  const at = query.at;
  const state = useLoad(() => client.get<Flag>('config', `/v1/flags/${params.key}${at ? `?at=${encodeURIComponent(at)}` : ''}`), [client, params.key, at]);
  const canEdit = isAdmin && !at;
  return (
    <main>
      <p><a href="/flags">Flags</a> /</p>
      <Loading state={state}>
        {(flag) => (
          <>
            <h1>{flag.key} {flag.archived ? <Badge>archived</Badge> : flag.enabled ? <Badge tone="good">on</Badge> : <Badge tone="bad">off (killed)</Badge>}</h1>
            <p>{flag.description}</p>
            <AsOf />
            {canEdit && !flag.archived && (
              <div class="actions">
                <ConfirmButton
                  label={flag.enabled ? 'Kill switch: turn off' : 'Turn on'}
                  danger={flag.enabled}
                  question={flag.enabled ? `Turn ${flag.key} off for everyone? Every unit gets '${flag.offVariant}'.` : `Turn ${flag.key} on again? Its rules decide again.`}
                  action={() => client.post('config', `/v1/flags/${flag.key}/kill-switch`, { enabled: !flag.enabled }, flag.version)}
                  onDone={state.reload}
                />
                <button type="button" class="secondary" onClick={() => setEditing(true)}>Edit flag</button>
              </div>
            )}
            {editing && <FlagForm flag={flag} onSaved={() => { setEditing(false); state.reload(); }} onCancel={() => setEditing(false)} />}
            <section aria-labelledby="variants-title">
              <h2 id="variants-title">Variants ({flag.valueType})</h2>
              <table>
                <thead><tr><th scope="col">key</th><th scope="col">value</th><th scope="col">note</th></tr></thead>
                <tbody>{flag.variants.map((v) => <tr key={v.key}><td>{v.key}</td><td><code>{JSON.stringify(v.value)}</code></td><td>{v.key === flag.offVariant ? 'off variant' : ''}</td></tr>)}</tbody>
              </table>
            </section>
            <section aria-labelledby="rules-title">
              <h2 id="rules-title">Rules</h2>
              {flag.rules.length === 0 && <p>No rules: everyone gets '{flag.offVariant}'.</p>}
              <ol>
                {flag.rules.map((r) => (
                  <li key={r.id}>
                    <strong>{r.id}</strong> {r.description}
                    <div>{r.conditions.length ? `if ${r.conditions.map(conditionText).join(' and ')}` : 'everyone'}</div>
                    <div>{r.experimentKey ? <>traffic goes to experiment <a href={`/experiments/${r.experimentKey}`}>{r.experimentKey}</a></> : `${r.rollout} % get ${r.weights.map((w) => `${w.variant} ${w.weight / 100} %`).join(', ')}`}</div>
                  </li>
                ))}
              </ol>
            </section>
            <section aria-labelledby="segments-title">
              <h2 id="segments-title">Segments used</h2>
              {(() => {
                const keys = [...new Set(flag.rules.flatMap((r) => r.conditions.filter((c) => c.operator === 'inSegment').flatMap((c) => c.values.map(String))))];
                return keys.length ? <ul>{keys.map((k) => <li key={k}><a href={`/segments#${k}`}>{k}</a></li>)}</ul> : <p>None.</p>;
              })()}
            </section>
            <section aria-labelledby="prereq-title">
              <h2 id="prereq-title">Prerequisites</h2>
              {flag.prerequisites.length ? <ul>{flag.prerequisites.map((p) => <li key={p.flagKey}><a href={`/flags/${p.flagKey}`}>{p.flagKey}</a> must serve {p.variants.join(' or ')}</li>)}</ul> : <p>None.</p>}
            </section>
            <section aria-labelledby="overrides-title">
              <h2 id="overrides-title">Overrides</h2>
              {Object.keys(flag.overrides).length ? <Json value={flag.overrides} /> : <p>None.</p>}
            </section>
            <History stream={`flag:${flag.key}`} version={flag.version} />
          </>
        )}
      </Loading>
    </main>
  );
}
