import type { ImportPlan } from './import-plan';

export interface ApplyTarget {
  /** config-service base URL (CONFIG_SERVICE_URL, as the services use it). */
  url: string;
  /** An admin API key (XP_API_KEY). */
  key: string;
  fetch?: typeof fetch;
}

export interface ApplyOutcome {
  kind: 'segment' | 'flag';
  key: string;
  status: 'created' | 'exists' | 'failed';
  detail?: string;
}

/**
 * Creates the plan's segments, then its flags (prerequisites first), through config-service's REST API. An
 * entity that already exists (409) is left as it is and reported; a refused one (4xx) is reported with
 * config-service's error body; the others go on. Returns one outcome per entity.
 */
export async function applyPlan(plan: ImportPlan, target: ApplyTarget): Promise<ApplyOutcome[]> {
  const doFetch = target.fetch ?? fetch;
  const outcomes: ApplyOutcome[] = [];
  const create = async (kind: 'segment' | 'flag', key: string, body: unknown) => {
    const res = await doFetch(`${target.url.replace(/\/$/, '')}/v1/${kind}s`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${target.key}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    if (res.status === 201 || res.status === 200) outcomes.push({ kind, key, status: 'created' });
    else if (res.status === 409) outcomes.push({ kind, key, status: 'exists', detail: text });
    else if (res.status >= 500 || res.status === 401 || res.status === 403) throw new Error(`config-service answered ${res.status} creating ${kind} '${key}': ${text}`);
    else outcomes.push({ kind, key, status: 'failed', detail: `${res.status} ${text}` });
  };
  for (const segment of plan.segments) await create('segment', segment.key, segment);
  for (const flag of plan.flags) await create('flag', flag.key, flag);
  return outcomes;
}
