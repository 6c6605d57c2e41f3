import { useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { loadRollout, orNotYet } from '../lib/load-rollout';
import { snapshotsInOrder } from '../lib/results-series';
import type { Experiment, ExperimentStatus, ResultsResponse } from '../lib/types';
import { useSession } from '../session';
import { Badge, ConfirmButton, Loading, useLoad } from '../ui';
import { statusTone } from './experiments-list';
import { DecisionTimeline, ForestPlots, HealthPanel, OverTime } from './results-panels';

export const POLL_MS = 3000;

const ACTIONS: Record<ExperimentStatus, Array<{ action: string; label: string; question: string; danger?: boolean }>> = {
  draft: [{ action: 'start', label: 'Start', question: 'Start the experiment? Units are enrolled at the first rollout stage.' }],
  running: [{ action: 'pause', label: 'Pause', question: 'Pause the experiment? Analysis stops deciding for it; units keep their variants.' }],
  paused: [
    { action: 'resume', label: 'Resume', question: 'Resume the experiment? Analysis decides again.' },
    { action: 'conclude', label: 'Conclude', question: 'Conclude with the winner chosen below? This cannot be undone.', danger: true },
  ],
  concluded: [{ action: 'archive', label: 'Archive', question: 'Archive the experiment? It becomes read-only.', danger: true }],
  archived: [],
};

function Lifecycle({ experiment, onDone }: { experiment: Experiment; onDone: () => void }) {
  const { client } = useSession();
  const [winner, setWinner] = useState(experiment.variants.find((v) => !v.control)?.key ?? '');
  return (
    <div class="actions" aria-label="Lifecycle">
      {ACTIONS[experiment.status].map((a) => (
        <ConfirmButton key={a.action} label={a.label} danger={a.danger} question={a.question} onDone={onDone}
          action={() => client.post('config', `/v1/experiments/${experiment.key}/${a.action}`, a.action === 'conclude' ? { winner } : {}, experiment.version)} />
      ))}
      {experiment.status === 'paused' && (
        <label>Winner <select value={winner} onChange={(e) => setWinner(e.currentTarget.value)}>{experiment.variants.map((v) => <option key={v.key}>{v.key}</option>)}</select></label>
      )}
    </div>
  );
}

export function ExperimentPage() {
  const { params } = useRoute();
  const { client, isAdmin } = useSession();
  const state = useLoad(async () => {
    const [experiment, results, rollout] = await Promise.all([
      client.get<Experiment>('config', `/v1/experiments/${params.key}`),
      orNotYet(client.get<ResultsResponse>('analysis', `/v1/experiments/${params.key}/results`)),
      loadRollout(client, params.key),
    ]);
    return { experiment, results, rollout };
  }, [client, params.key], POLL_MS);
  return (
    <main>
      <p><a href="/experiments">Experiments</a> /</p>
      <Loading state={state}>
        {({ experiment, results, rollout }) => {
          const latest = results?.latest ?? null;
          return (
            <>
              <h1>{experiment.key} <Badge tone={statusTone(experiment.status)}>{experiment.status}</Badge></h1>
              <p>{experiment.hypothesis}</p>
              <p>
                Flag <a href={`/flags/${experiment.flagKey}`}>{experiment.flagKey}</a> · {experiment.rolloutPercentage ?? experiment.rolloutPolicy.stages[experiment.currentStageIndex]} % of units ·{' '}
                <a href={`/rollouts/${experiment.key}`}>rollout</a>{experiment.winner ? ` · winner ${experiment.winner}` : ''}
              </p>
              {isAdmin && <Lifecycle experiment={experiment} onDone={state.reload} />}
              {!latest ? (
                <p role="status">No results yet: analysis runs every few seconds once exposures arrive.</p>
              ) : (
                <>
                  <p role="status" data-testid="units">
                    Units: {Object.entries(latest.unitsPerVariant).map(([v, n]) => `${v} ${n}`).join(', ')} · stage {latest.stageIndex + 1} at {latest.percentage} % · computed {latest.computedAt.slice(11, 19)}
                  </p>
                  <ForestPlots latest={latest} />
                  <OverTime experiment={experiment} snapshots={snapshotsInOrder(latest, results?.history ?? [])} />
                  <HealthPanel latest={latest} />
                </>
              )}
              <DecisionTimeline history={rollout?.history ?? []} />
            </>
          );
        }}
      </Loading>
    </main>
  );
}
