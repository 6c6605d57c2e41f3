import { time } from '../lib/format';
import type { AuditItem } from '../lib/types';
import { useSession } from '../session';
import { Loading, useLoad } from '../ui';

const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));

/** One entity's changes, newest first: who, when, why, what changed (config-service's audit and its diffs). */
export function History({ stream, version }: { stream: string; version: number }) {
  const { client } = useSession();
  const state = useLoad(() => client.get<{ items: AuditItem[] }>('config', `/v1/audit?stream=${stream}&limit=1000`), [client, stream, version]);
  return (
    <section aria-labelledby="history-title">
      <h2 id="history-title">History</h2>
      <Loading state={state}>
        {({ items }) => (
          <ol class="history">
            {items.map((item) => {
              const changes = item.version === 1 ? [] : item.diff;
              return (
                <li key={item.position}>
                  <div><strong>v{item.version}</strong> {item.eventType} by <strong>{item.actor}</strong> at <time dateTime={item.occurredAt}>{time(item.occurredAt)}</time></div>
                  {item.comment && <blockquote class="comment">{item.comment}</blockquote>}
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
                  {item.version === 1 && <div class="muted">created</div>}
                </li>
              );
            })}
          </ol>
        )}
      </Loading>
    </section>
  );
}
