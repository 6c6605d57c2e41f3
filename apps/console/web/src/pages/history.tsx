import { jsonDiff } from '../lib/json-diff';
import { time } from '../lib/format';
import type { AuditItem } from '../lib/types';
import { useSession } from '../session';
import { Loading, useLoad } from '../ui';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** One entity's changes as readable diffs: who, when, what changed (config-service's audit). */
export function History({ stream, version }: { stream: string; version: number }) {
  const { client } = useSession();
  const state = useLoad(() => client.get<{ items: AuditItem[] }>('config', `/v1/audit?stream=${stream}&limit=1000`), [client, stream, version]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <Loading state={state}>
        {({ items }) => (
          <ol class="history">
            {[...items].reverse().map((item) => {
              const previous = items.filter((i) => i.version < item.version).at(-1);
              const changes = jsonDiff(previous?.payload.state, item.payload.state).filter((c) => c.path !== '');
              return (
                <li key={item.position}>
                  <div><strong>v{item.version}</strong> {item.eventType} by <strong>{item.actor}</strong> at <time dateTime={item.occurredAt}>{time(item.occurredAt)}</time></div>
                  {changes.length > 0 && (
                    <table class="diff">
                      <thead><tr><th scope="col">field</th><th scope="col">before</th><th scope="col">after</th></tr></thead>
                      <tbody>
                        {changes.slice(0, 40).map((c) => (
                          <tr key={c.path}><td><code>{c.path}</code></td><td class="before">{show(c.before)}</td><td class="after">{show(c.after)}</td></tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                  {!previous && <div class="muted">created</div>}
                </li>
              );
            })}
          </ol>
        )}
      </Loading>
    </section>
  );
}
