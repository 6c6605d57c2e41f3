import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { fieldErrors } from '../lib/api-error';
import { draftRequests, parseStages } from '../lib/experiment-draft';
import type { Metric } from '../lib/types';
import { useSession } from '../session';
import { ErrorBanner, Field, Loading, useLoad } from '../ui';

/** One form that creates the flag, the experiment with its rollout policy, the blue/green record, and starts it. */
export function ExperimentNewPage() {
  const { client, isAdmin } = useSession();
  const { route } = useLocation();
  const metrics = useLoad(() => client.get<{ items: Metric[] }>('config', '/v1/metrics'), [client]);
  const [f, setF] = useState({
    key: '', hypothesis: '', controlKey: 'blue', controlValue: 'v1', treatmentKey: 'green', treatmentValue: 'v2', treatmentShare: '50',
    primaryMetric: '', guardrailMetric: '', maxRegression: '0.1', stages: '1, 5, 10, 25, 50, 100', minUnits: '1000', minDuration: '86400',
    alpha: '0.05', plannedUnits: '', advanceOn: 'win', requiresApproval: false, service: '',
  });
  const [steps, setSteps] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (!isAdmin) return <main><h1>New experiment</h1><p>Creating experiments needs an admin key.</p></main>;
  const set = (patch: Partial<typeof f>) => setF({ ...f, ...patch });

  const submit = async (event: Event) => {
    event.preventDefault();
    const stages = parseStages(f.stages);
    if (!stages) return setErrors({ 'rolloutPolicy.stages': 'a comma-separated list of percentages' });
    const requests = draftRequests({
      key: f.key, hypothesis: f.hypothesis,
      control: { key: f.controlKey, value: f.controlValue }, treatment: { key: f.treatmentKey, value: f.treatmentValue },
      treatmentShare: Number(f.treatmentShare), primaryMetric: f.primaryMetric,
      guardrail: f.guardrailMetric ? { metricKey: f.guardrailMetric, maxRegression: Number(f.maxRegression) } : undefined,
      policy: {
        stages, minUnitsPerStage: Number(f.minUnits), minDurationPerStage: Number(f.minDuration), alpha: Number(f.alpha), advanceOn: f.advanceOn as 'win' | 'safe',
        requiresApproval: f.requiresApproval, ...(f.plannedUnits ? { plannedUnits: Number(f.plannedUnits) } : {}),
      },
      service: f.service || undefined,
    });
    setBusy(true);
    setErrors({});
    setError(undefined);
    const done: string[] = [];
    const step = async (label: string, run: () => Promise<unknown>) => {
      await run();
      done.push(label);
      setSteps([...done]);
    };
    try {
      await step(`flag ${requests.flag.key} created`, () => client.post('config', '/v1/flags', requests.flag));
      await step(`experiment ${f.key} created`, () => client.post('config', '/v1/experiments', requests.experiment));
      await step('flag traffic handed to the experiment', () => client.put('config', `/v1/flags/${requests.flag.key}`, requests.flagWithRule, 1));
      if (requests.deployment) await step(`deployment of ${f.service} registered`, () => client.post('deployment', '/v1/deployments', requests.deployment));
      await step('experiment started', () => client.post('config', `/v1/experiments/${f.key}/start`, {}, 1));
      route(`/experiments/${f.key}`);
    } catch (err) {
      setErrors(fieldErrors(err));
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main>
      <h1>New experiment</h1>
      <p>Creates a string flag <code>&lt;key&gt;-flag</code> with the two variants, the experiment that drives it with its guarded rollout policy, optionally the blue/green deployment record (blue = control, green = treatment), and starts it at the first stage.</p>
      <Loading state={metrics}>
        {({ items }) => (
          <form class="card" onSubmit={submit}>
            <Field id="exp-key" label="Experiment key" value={f.key} onInput={(key) => set({ key })} error={errors.key} required />
            <Field id="exp-hypothesis" label="Hypothesis" value={f.hypothesis} onInput={(hypothesis) => set({ hypothesis })} error={errors.hypothesis} />
            <fieldset>
              <legend>Variants</legend>
              <div class="row">
                <Field id="exp-control-key" label="Control variant key" value={f.controlKey} onInput={(controlKey) => set({ controlKey })} error={errors['variants.0.key']} />
                <Field id="exp-control-value" label="Control value (version)" value={f.controlValue} onInput={(controlValue) => set({ controlValue })} />
              </div>
              <div class="row">
                <Field id="exp-treatment-key" label="Treatment variant key" value={f.treatmentKey} onInput={(treatmentKey) => set({ treatmentKey })} error={errors['variants.1.key']} />
                <Field id="exp-treatment-value" label="Treatment value (version)" value={f.treatmentValue} onInput={(treatmentValue) => set({ treatmentValue })} />
              </div>
              <Field id="exp-share" label="Treatment share of enrolled units (%)" type="number" value={f.treatmentShare} onInput={(treatmentShare) => set({ treatmentShare })} error={errors.variants} />
            </fieldset>
            <fieldset>
              <legend>Metrics</legend>
              <div class="field">
                <label for="exp-primary">Primary metric</label>
                <select id="exp-primary" value={f.primaryMetric} onChange={(e) => set({ primaryMetric: e.currentTarget.value })} required>
                  <option value="">choose…</option>
                  {items.map((m) => <option key={m.key} value={m.key}>{m.key} ({m.kind})</option>)}
                </select>
                {errors.primaryMetric && <span class="field-error" role="alert">{errors.primaryMetric}</span>}
              </div>
              <div class="row">
                <div class="field">
                  <label for="exp-guardrail">Guardrail metric (optional)</label>
                  <select id="exp-guardrail" value={f.guardrailMetric} onChange={(e) => set({ guardrailMetric: e.currentTarget.value })}>
                    <option value="">none</option>
                    {items.map((m) => <option key={m.key} value={m.key}>{m.key} ({m.kind}, {m.direction})</option>)}
                  </select>
                </div>
                <Field id="exp-max-regression" label="Guardrail tolerance (relative, e.g. 0.1 = 10 % worse)" value={f.maxRegression} onInput={(maxRegression) => set({ maxRegression })} error={errors['guardrailMetrics.0.maxRegression'] ?? errors.guardrailMetrics} />
              </div>
            </fieldset>
            <fieldset>
              <legend>Rollout policy</legend>
              <Field id="exp-stages" label="Stages (% of units)" value={f.stages} onInput={(stages) => set({ stages })} error={Object.entries(errors).filter(([p]) => p.startsWith('rolloutPolicy.stages')).map(([, m]) => m).join('; ') || undefined} />
              <div class="row">
                <Field id="exp-min-units" label="Minimum new units per stage" type="number" value={f.minUnits} onInput={(minUnits) => set({ minUnits })} error={errors['rolloutPolicy.minUnitsPerStage']} />
                <Field id="exp-min-duration" label="Minimum seconds per stage" type="number" value={f.minDuration} onInput={(minDuration) => set({ minDuration })} error={errors['rolloutPolicy.minDurationPerStage']} />
              </div>
              <div class="row">
                <Field id="exp-alpha" label="Alpha" value={f.alpha} onInput={(alpha) => set({ alpha })} error={errors['rolloutPolicy.alpha']} />
                <Field id="exp-planned" label="Planned units (optional, N* of the sequential test)" type="number" value={f.plannedUnits} onInput={(plannedUnits) => set({ plannedUnits })} error={errors['rolloutPolicy.plannedUnits']} />
              </div>
              <div class="row">
                <div class="field">
                  <label for="exp-advance-on">Advance on</label>
                  <select id="exp-advance-on" value={f.advanceOn} onChange={(e) => set({ advanceOn: e.currentTarget.value })}>
                    <option value="win">win: the primary metric is significantly better</option>
                    <option value="safe">safe: every guardrail shown within tolerance</option>
                  </select>
                </div>
                <div class="field checkbox">
                  <input id="exp-approval" type="checkbox" checked={f.requiresApproval} onChange={(e) => set({ requiresApproval: e.currentTarget.checked })} />
                  <label for="exp-approval">Each stage needs an admin's approval</label>
                </div>
              </div>
            </fieldset>
            <Field id="exp-service" label="Service with a blue/green deployment (optional)" value={f.service} onInput={(service) => set({ service })} error={errors.service} />
            {steps.length > 0 && <ul aria-label="Done so far">{steps.map((s) => <li key={s}>{s}</li>)}</ul>}
            <ErrorBanner error={error} />
            <button type="submit" disabled={busy}>Create and start</button>
          </form>
        )}
      </Loading>
    </main>
  );
}
