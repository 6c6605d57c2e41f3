import { randomUUID } from 'node:crypto';
import { EventSource } from 'eventsource';
import type { PlatformUrls } from '../../../tools/demo/src/platform';
import { SCENARIOS } from '../../../tools/demo/src/scenarios/scenario-spec';
import { simulateUser } from '../../../tools/demo/src/scenarios/simulated-user';
import { makeFlag } from '../evaluation/workload';
import type { Outcome, RequestStats } from './request-stats';
import type { SoakSetup } from './setup-soak';
import type { SoakRates } from './soak-options';
import type { SoakUnits } from './soak-units';
import { SteadyLoad } from './steady-load';

export const KEYS = { admin: 'dev-admin-key', reader: 'dev-reader-key', sdk: 'dev-sdk-key' };
const MAX_IN_FLIGHT = 64;
const NEUTRAL = SCENARIOS.safe.behaviour.control;

interface EvaluateAnswer {
  results: Record<string, { variant: string; experiment?: { key: string; inExperiment: boolean } }>;
}

/** One HTTP call; the body is read in full (as a client would) and kept, with the status. */
async function call(url: string, init: RequestInit & { key: string }): Promise<Outcome & { text: string; etag?: string }> {
  const { key, headers, ...rest } = init;
  const res = await fetch(url, {
    ...rest,
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...(headers as Record<string, string>) },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, detail: res.status >= 400 ? text : undefined, text, etag: res.headers.get('etag') ?? undefined };
}
const post = (url: string, key: string, body: unknown) => call(url, { method: 'POST', key, body: JSON.stringify(body) });
const get = (url: string, key: string, headers: Record<string, string> = {}) => call(url, { method: 'GET', key, headers });

/**
 * The soak's load, one SteadyLoad per endpoint: evaluations of new and returning units (enrolled ones
 * log exposures), event batches for the units enrolled, SDK-style exposure posts, flag writes, ruleset
 * snapshots, results, analysts' SQL, config and deployment reads.
 */
export function soakLoads(urls: PlatformUrls, setup: SoakSetup, units: SoakUnits, rates: SoakRates, stats: RequestStats): SteadyLoad[] {
  const load = (endpoint: string, rate: number, send: () => Promise<Outcome>) => new SteadyLoad(endpoint, rate, MAX_IN_FLIGHT, stats, send);
  const experimentKeys = setup.experiments.map((e) => e.experiment);
  const alternate = <T>(items: T[]) => {
    let i = 0;
    return () => items[i++ % items.length];
  };

  const evaluate = async () => {
    const visitor = units.next();
    const answer = await post(`${urls.assignment}/v1/evaluate`, KEYS.sdk, visitor);
    if (answer.status === 200) {
      for (const [flagKey, result] of Object.entries((JSON.parse(answer.text) as EvaluateAnswer).results)) {
        if (result.experiment?.inExperiment) units.noteEnrolled({ unit: visitor.unit, experimentKey: result.experiment.key, flagKey, variant: result.variant });
      }
    }
    return answer;
  };
  const events = () => {
    const enrolled = units.takeEnrolled(5).flatMap((e) => simulateUser(e.unit, NEUTRAL));
    const pages = units.sampleReturning(5).map((unit) => ({ unit, event: 'page_latency', value: Math.round(160 + 80 * units.randomValue()) }));
    return post(`${urls.assignment}/v1/events`, KEYS.sdk, { events: [...enrolled, ...pages].map((e) => ({ ...e, id: randomUUID() })) });
  };
  const exposures = async (): Promise<Outcome> => {
    const items = units.sampleEnrolled(20);
    return items.length === 0 ? { status: 204 } : post(`${urls.assignment}/v1/exposures`, KEYS.sdk, { exposures: items });
  };

  let flagVersion = 1;
  let writes = 0;
  const writeFlag = async () => {
    const flag = makeFlag(1);
    const weights = writes++ % 2 === 0 ? [5000, 2500, 2500] : [3334, 3333, 3333];
    const rules = flag.rules?.map((r) => ({ ...r, weights: r.weights?.map((w, i) => ({ ...w, weight: weights[i] })) }));
    const answer = await call(`${urls.config}/v1/flags/${setup.writtenFlag}`, {
      method: 'PUT', key: KEYS.admin, body: JSON.stringify({ ...flag, description: `soak write ${writes}`, rules, expectedVersion: flagVersion }),
    });
    if (answer.status === 200) flagVersion = (JSON.parse(answer.text) as { version: number }).version;
    return answer;
  };

  let rulesetEtag: string | undefined;
  let rulesetReads = 0;
  const ruleset = async () => {
    const conditional = rulesetReads++ % 2 === 1 && rulesetEtag !== undefined;
    const answer = await get(`${urls.assignment}/v1/ruleset`, KEYS.sdk, conditional ? { 'if-none-match': rulesetEtag as string } : {});
    if (answer.status === 200) rulesetEtag = answer.etag;
    return answer;
  };

  const experimentKey = alternate(experimentKeys);
  const rolloutKey = alternate(experimentKeys);
  const sql = `SELECT experiment_key, variant, countIf(variant_count = 1) AS units, countIf(variant_count > 1) AS excluded
    FROM first_exposures WHERE experiment_key IN (${experimentKeys.map((k) => `'${k}'`).join(', ')}) GROUP BY ALL ORDER BY ALL FORMAT JSONEachRow`;
  const basic = `Basic ${Buffer.from(`analyst:${KEYS.reader}`).toString('base64')}`;
  return [
    load('assignment POST /v1/evaluate', rates.evaluate, evaluate),
    load('assignment POST /v1/events', rates.events, events),
    load('assignment POST /v1/exposures', rates.exposures, exposures),
    load('assignment GET /v1/ruleset', rates.rulesetReads, ruleset),
    load('config PUT /v1/flags/:key', rates.flagWrites, writeFlag),
    load('config GET /v1/flags', rates.configReads / 2, () => get(`${urls.config}/v1/flags`, KEYS.reader)),
    load('config GET /v1/experiments/:key', rates.configReads / 2, () => get(`${urls.config}/v1/experiments/${experimentKey()}`, KEYS.reader)),
    load('analysis GET /v1/experiments/:key/results', rates.results, () => get(`${urls.analysis}/v1/experiments/${experimentKey()}/results`, KEYS.reader)),
    load('analysis POST / (SQL)', rates.sql, () => call(`${urls.analysis}/`, { method: 'POST', key: KEYS.reader, headers: { authorization: basic, 'content-type': 'text/plain' }, body: sql })),
    load('deployment GET /v1/deployments', rates.deploymentReads / 2, () => get(`${urls.deployment}/v1/deployments`, KEYS.reader)),
    load('deployment GET /v1/rollouts/:key', rates.deploymentReads, () => get(`${urls.deployment}/v1/rollouts/${rolloutKey()}`, KEYS.reader)),
  ];
}

/** One SDK-style subscriber of `GET /v1/ruleset/stream` for the whole soak; counts the snapshots it receives. */
export function subscribeRuleset(assignmentUrl: string): { snapshots: () => number; errors: () => number; close: () => void } {
  let snapshots = 0;
  let errors = 0;
  const source = new EventSource(`${assignmentUrl}/v1/ruleset/stream`, {
    fetch: (input, init) => fetch(input, { ...init, headers: { ...init?.headers, authorization: `Bearer ${KEYS.sdk}` } }),
  });
  source.addEventListener('ruleset', () => snapshots++);
  source.addEventListener('error', () => errors++);
  return { snapshots: () => snapshots, errors: () => errors, close: () => source.close() };
}
