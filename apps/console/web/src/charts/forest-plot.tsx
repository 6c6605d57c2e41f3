import { scaleLinear } from 'd3-scale';

export interface ForestRow {
  label: string;
  estimate: number;
  lower: number;
  upper: number;
  /** Colour by what the interval shows: good, bad, or undecided. */
  verdict: 'good' | 'bad' | 'unclear';
}

const W = 560;
const ROW = 30;
const LEFT = 150;
const RIGHT = 20;

/** Estimates with their intervals on one axis through zero (no effect), one row per variant. */
export function ForestPlot({ title, rows, format }: { title: string; rows: ForestRow[]; format: (x: number) => string }) {
  const lo = Math.min(0, ...rows.map((r) => r.lower));
  const hi = Math.max(0, ...rows.map((r) => r.upper));
  const pad = (hi - lo) * 0.08 || 0.01;
  const x = scaleLinear().domain([lo - pad, hi + pad]).range([LEFT, W - RIGHT]).nice();
  const height = rows.length * ROW + 34;
  return (
    <svg class="chart" viewBox={`0 0 ${W} ${height}`} role="img" aria-label={`${title}: ${rows.map((r) => `${r.label} ${format(r.estimate)} from ${format(r.lower)} to ${format(r.upper)}`).join('; ')}`}>
      <line x1={x(0)} x2={x(0)} y1={4} y2={height - 24} class="zero" />
      {x.ticks(4).map((t) => (
        <g key={t}>
          <line x1={x(t)} x2={x(t)} y1={height - 24} y2={height - 20} class="tick" />
          <text x={x(t)} y={height - 6} text-anchor="middle" class="axis">{format(t)}</text>
        </g>
      ))}
      {rows.map((r, i) => {
        const y = 18 + i * ROW;
        return (
          <g key={r.label} class={`row ${r.verdict}`}>
            <text x={LEFT - 10} y={y + 4} text-anchor="end" class="label">{r.label}</text>
            <line x1={x(r.lower)} x2={x(r.upper)} y1={y} y2={y} class="ci" />
            <line x1={x(r.lower)} x2={x(r.lower)} y1={y - 6} y2={y + 6} class="ci" />
            <line x1={x(r.upper)} x2={x(r.upper)} y1={y - 6} y2={y + 6} class="ci" />
            <circle cx={x(r.estimate)} cy={y} r={5} class="point" />
          </g>
        );
      })}
    </svg>
  );
}
