import { ForestPlot } from '../charts/forest-plot';
import { LineChart } from '../charts/line-chart';
import { num, pct, pValue, signedPct, time } from '../lib/format';
import { liftSeries, unitSeries, verdictOf } from '../lib/results-series';
import type { Experiment, ExperimentResults, RolloutHistoryEntry } from '../lib/types';
import { Badge } from '../ui';

const COLOURS = ['#1f5fa8', '#2e7d32', '#8e24aa', '#c75100', '#00796b'];

export function ForestPlots({ latest }: { latest: ExperimentResults }) {
  return (
    <section aria-labelledby="forest-title">
      <h2 id="forest-title">Effects per metric (estimate and confidence sequence at each metric's level)</h2>
      {latest.metrics.map((m) => {
        const rows = m.comparisons.flatMap((c) => {
          const lift = c.relative ?? c.absolute;
          return lift ? [{ label: c.variant, estimate: lift.estimate, lower: lift.ci[0], upper: lift.ci[1], verdict: verdictOf(m, lift.ci[0], lift.ci[1]) }] : [];
        });
        const relative = m.comparisons.some((c) => c.relative);
        return (
          <div key={m.metricKey} class="metric">
            <h3>{m.metricKey} <Badge>{m.role}</Badge> <span class="muted">{m.kind}, {m.direction} is good</span></h3>
            {rows.length ? <ForestPlot title={`${m.metricKey} ${relative ? 'relative' : 'absolute'} lift`} rows={rows} format={relative ? (x) => signedPct(x, 0) : (x) => num(x, 2)} /> : <p class="muted">No interval yet.</p>}
            <table>
              <thead><tr><th scope="col">variant</th><th scope="col">units</th><th scope="col">mean</th><th scope="col">control mean</th><th scope="col">lift</th><th scope="col">interval</th><th scope="col">p (adjusted)</th><th scope="col">guardrail</th></tr></thead>
              <tbody>
                {m.comparisons.map((c) => {
                  const lift = c.relative ?? c.absolute;
                  const f = c.relative ? signedPct : (x: number) => num(x, 3);
                  return (
                    <tr key={c.variant}>
                      <td>{c.variant}</td><td>{c.treatment.n}</td><td>{num(c.treatment.mean)}</td><td>{num(c.control.mean)}</td>
                      <td>{lift ? f(lift.estimate) : '—'}</td>
                      <td data-testid="interval">{lift ? `[${f(lift.ci[0])}, ${f(lift.ci[1])}]` : c.notEnoughData ?? '—'}</td>
                      <td>{c.absolute ? pValue(c.absolute.pValue) : '—'}</td>
                      <td>{c.guardrail ? (c.guardrail.regression ? <Badge tone="bad">regression</Badge> : c.guardrail.nonInferior ? <Badge tone="good">within {pct(c.guardrail.maxRegression, 0)}</Badge> : 'undecided') : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        );
      })}
    </section>
  );
}

export function OverTime({ experiment, snapshots }: { experiment: Experiment; snapshots: ExperimentResults[] }) {
  const control = experiment.variants.find((v) => v.control)?.key;
  const treatments = experiment.variants.filter((v) => !v.control);
  const weights = Object.fromEntries(experiment.variants.map((v) => [v.key, v.weight]));
  const { actual, expected } = unitSeries(snapshots, weights);
  return (
    <section aria-labelledby="time-title">
      <h2 id="time-title">Over time</h2>
      <div class="charts">
        <LineChart
          title={`${experiment.primaryMetric} lift against ${control} with its interval`}
          zeroLine
          format={(y) => signedPct(y, 0)}
          series={treatments.map((t, i) => ({ name: t.key, colour: COLOURS[(i + 1) % COLOURS.length], points: liftSeries(snapshots, experiment.primaryMetric, t.key) }))}
        />
        <LineChart
          title="Units per variant (dashed: expected at the configured split)"
          format={(y) => num(Math.round(y))}
          series={experiment.variants.flatMap((v, i) => [
            { name: v.key, colour: COLOURS[i % COLOURS.length], points: actual[v.key] ?? [] },
            { name: `${v.key} expected`, colour: COLOURS[i % COLOURS.length], dashed: true, points: expected[v.key] ?? [] },
          ])}
        />
      </div>
    </section>
  );
}

export function HealthPanel({ latest }: { latest: ExperimentResults }) {
  const cuped = latest.metrics.flatMap((m) => m.comparisons.filter((c) => c.cuped).map((c) => ({ metric: m.metricKey, variant: c.variant, reduction: c.cuped!.varianceReduction })));
  return (
    <section aria-labelledby="health-title" class="health">
      <h2 id="health-title">Health</h2>
      <dl>
        <dt>Sample ratio</dt>
        <dd>{latest.srm ? (latest.srm.mismatch ? <Badge tone="bad">mismatch, p = {latest.srm.pValue.toExponential(2)}</Badge> : <Badge tone="good">as configured, p = {pValue(latest.srm.pValue)}</Badge>) : 'not computed yet'}</dd>
        <dt>Units in several variants (left out)</dt>
        <dd>{latest.excludedUnits}</dd>
        <dt>CUPED variance reduction</dt>
        <dd>{cuped.length ? cuped.map((c) => `${c.metric}/${c.variant} ${pct(c.reduction)}`).join(', ') : 'none (no pre-exposure activity)'}</dd>
        <dt>Method and alpha</dt>
        <dd>{latest.method}, alpha {latest.alpha}, {latest.adjustment} per decision family, tuned for N* = {latest.sequentialTuning} units; advance on {latest.advanceOn}</dd>
        {latest.planning && <><dt>Plan</dt><dd>{latest.planning.unitsNeeded} units for {pct(latest.planning.targetPower, 0)} power at MDE {pct(latest.planning.minimumDetectableEffect)}</dd></>}
        {latest.missingMetrics.length > 0 && <><dt>Unknown metrics</dt><dd>{latest.missingMetrics.join(', ')}</dd></>}
      </dl>
      {latest.notes.length > 0 && <ul class="notes">{latest.notes.map((n) => <li key={n}>{n}</li>)}</ul>}
    </section>
  );
}

export function DecisionTimeline({ history }: { history: RolloutHistoryEntry[] }) {
  return (
    <section aria-labelledby="decisions-title">
      <h2 id="decisions-title">Decisions</h2>
      {history.length === 0 && <p>No decision yet.</p>}
      <ol class="timeline">
        {history.map((h) => (
          <li key={`${h.decisionId}-${h.occurredAt}`}>
            <div><Badge tone={h.kind === 'ROLLBACK' ? 'bad' : h.kind === 'HOLD' ? 'warn' : 'good'}>{h.kind}</Badge> {h.action} {h.fromPercentage} % → {h.toPercentage} % <span class="muted">{time(h.occurredAt)} by {h.actor}</span></div>
            <div>{h.reason}</div>
            {h.evidence?.metrics && (
              <details>
                <summary>Evidence</summary>
                <ul>
                  {h.evidence.metrics.map((m, i) => {
                    const e = m as { metricKey: string; variant: string; lift?: number; interval?: { lower: number; upper: number }; pValue?: number; guardrail?: boolean; regression?: boolean };
                    return <li key={i}>{e.metricKey} {e.variant}: {e.lift !== undefined ? signedPct(e.lift) : '—'} {e.interval ? `[${signedPct(e.interval.lower)}, ${signedPct(e.interval.upper)}]` : ''} p {e.pValue !== undefined ? pValue(e.pValue) : '—'}{e.guardrail ? (e.regression ? ' (guardrail regression)' : ' (guardrail)') : ''}</li>;
                  })}
                  {h.evidence.unitsPerVariant && <li>units {Object.entries(h.evidence.unitsPerVariant).map(([k, v]) => `${k} ${v}`).join(', ')}</li>}
                </ul>
              </details>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
