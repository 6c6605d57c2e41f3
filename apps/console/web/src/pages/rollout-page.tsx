import { useRoute } from 'preact-iso';
import { duration, time } from '../lib/format';
import { loadRollout, orNotYet } from '../lib/load-rollout';
import { rolloutProgress } from '../lib/rollout-progress';
import type { Deployment, Experiment, ResultsResponse, Rollout } from '../lib/types';
import { useSession } from '../session';
import { Badge, ConfirmButton, Loading, useLoad } from '../ui';
import { POLL_MS } from './experiment-page';
import { DecisionTimeline } from './results-panels';

function Operators({ rollout, onDone }: { rollout: Rollout; onDone: () => void }) {
  const { client } = useSession();
  if (rollout.status === 'shipped' || rollout.status === 'rolled_back') return null;
  const act = (action: string) => () => client.post('deployment', `/v1/rollouts/${rollout.experimentKey}/${action}`, { reason: `from the console` });
  return (
    <div class="actions" aria-label="Operator actions">
      {rollout.automationPaused
        ? <ConfirmButton label="Resume automation" question="Resume automation? The latest deferred decision is applied now." action={act('resume')} onDone={onDone} />
        : <ConfirmButton label="Pause automation" question="Pause automation? Decisions are recorded but not applied until you resume." action={act('pause')} onDone={onDone} />}
      {rollout.status === 'awaiting_approval' && <ConfirmButton label="Approve next stage" question="Approve the next stage? Its traffic is sent to config-service now." action={act('approve')} onDone={onDone} />}
      <ConfirmButton label="Roll back" danger confirmLabel="Roll back now" question="Roll back? Traffic goes to 0 %, the flag's kill switch turns it off, the experiment is paused and blue becomes active." action={act('rollback')} onDone={onDone} />
    </div>
  );
}

function BlueGreen({ deployment }: { deployment: Deployment }) {
  return (
    <section aria-labelledby="bg-title">
      <h2 id="bg-title">Blue/green: {deployment.service}</h2>
      <div class="bluegreen" role="img" aria-label={`blue ${deployment.weights.blue} %, green ${deployment.weights.green} %`}>
        <div class="blue" style={{ flexGrow: deployment.weights.blue || 0.0001 }}>blue {deployment.blueVersion} {deployment.weights.blue} %</div>
        <div class="green" style={{ flexGrow: deployment.weights.green || 0.0001 }}>green {deployment.greenVersion} {deployment.weights.green} %</div>
      </div>
      <p>Active: <strong>{deployment.activeColour}</strong> · status <Badge tone={deployment.status === 'ROLLED_BACK' ? 'bad' : 'neutral'}>{deployment.status}</Badge> · updated {time(deployment.updatedAt)}</p>
    </section>
  );
}

export function RolloutPage() {
  const { params } = useRoute();
  const { client, isAdmin } = useSession();
  const state = useLoad(async () => {
    const [experiment, rollout, results, deployments] = await Promise.all([
      client.get<Experiment>('config', `/v1/experiments/${params.key}`),
      loadRollout(client, params.key),
      orNotYet(client.get<ResultsResponse>('analysis', `/v1/experiments/${params.key}/results`)),
      client.get<{ items: Deployment[] }>('deployment', '/v1/deployments?includeArchived=true'),
    ]);
    return { experiment, rollout, latest: results?.latest ?? null, deployment: rollout?.deployment ?? deployments.items.find((d) => d.experimentKey === params.key) };
  }, [client, params.key], POLL_MS);
  return (
    <main>
      <p><a href="/rollouts">Rollouts</a> / <a href={`/experiments/${params.key}`}>experiment {params.key}</a></p>
      <Loading state={state}>
        {({ experiment, rollout, latest, deployment }) => {
          const p = rolloutProgress(experiment, rollout, latest, Date.now());
          return (
            <>
              <h1>Rollout of {experiment.key} <Badge>{rollout?.status ?? (experiment.status === 'running' ? 'running, no decision yet' : experiment.status)}</Badge></h1>
              <ol class="stages" aria-label="Stages">
                {p.stages.map((s, i) => <li key={i} class={s.state} aria-current={s.state === 'current' ? 'step' : undefined}>{s.percentage} %</li>)}
              </ol>
              <dl class="facts">
                <dt>Traffic now</dt><dd data-testid="percentage">{p.percentage} %</dd>
                <dt>Time in stage</dt><dd>{p.timeInStageMs !== undefined ? duration(p.timeInStageMs) : '—'} (minimum {duration(p.minDurationMs)})</dd>
                <dt>New units this stage</dt><dd>{p.stageUnits ?? '—'} of {p.minUnits}{p.unitsNeeded ? ` (${p.unitsNeeded} more needed)` : ''}</dd>
                <dt>Automation</dt><dd>{rollout?.automationPaused ? 'paused' : 'on'}</dd>
              </dl>
              {p.waiting && <p role="status" class="waiting">Waiting: {p.waiting}</p>}
              {isAdmin && rollout && <Operators rollout={rollout} onDone={state.reload} />}
              {isAdmin && !rollout && experiment.status === 'running' && <p class="muted">Operator actions appear with the first decision (deployment-service keeps a rollout from then on).</p>}
              {deployment ? <BlueGreen deployment={deployment} /> : <p>No blue/green deployment is registered for this experiment.</p>}
              <DecisionTimeline history={rollout?.history ?? []} />
            </>
          );
        }}
      </Loading>
    </main>
  );
}
