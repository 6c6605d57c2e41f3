import { scaleLinear } from 'd3-scale';

export interface SeriesPoint { t: number; y: number; lower?: number; upper?: number }
export interface Series { name: string; points: SeriesPoint[]; dashed?: boolean; colour: string }

const W = 560;
const H = 220;
const M = { left: 72, right: 12, top: 12, bottom: 40 };

const clock = (t: number) => new Date(t).toISOString().slice(11, 19);

/** Lines over time, with an interval band where points carry lower/upper (hand-drawn SVG, d3-scale for the axes). */
export function LineChart({ title, series, format, zeroLine }: { title: string; series: Series[]; format: (y: number) => string; zeroLine?: boolean }) {
  const points = series.flatMap((s) => s.points);
  if (points.length < 2) return <p class="muted">{title}: not enough snapshots yet.</p>;
  const ts = points.map((p) => p.t);
  const ys = points.flatMap((p) => [p.y, p.lower ?? p.y, p.upper ?? p.y]).concat(zeroLine ? [0] : []);
  const x = scaleLinear().domain([Math.min(...ts), Math.max(...ts)]).range([M.left, W - M.right]);
  const y = scaleLinear().domain([Math.min(...ys), Math.max(...ys)]).range([H - M.bottom, M.top]).nice();
  const path = (ps: SeriesPoint[], pick: (p: SeriesPoint) => number) => ps.map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(pick(p)).toFixed(1)}`).join('');
  return (
    <figure>
      <svg class="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${series.map((s) => `${s.name} latest ${format(s.points.at(-1)?.y ?? 0)}`).join('; ')}`}>
        {y.ticks(4).map((t) => (
          <g key={t}>
            <line x1={M.left} x2={W - M.right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={M.left - 6} y={y(t) + 4} text-anchor="end" class="axis">{format(t)}</text>
          </g>
        ))}
        {x.ticks(4).map((t) => <text key={t} x={x(t)} y={H - M.bottom + 16} text-anchor="middle" class="axis">{clock(t)}</text>)}
        {zeroLine && <line x1={M.left} x2={W - M.right} y1={y(0)} y2={y(0)} class="zero" />}
        {series.map((s) => {
          const banded = s.points.filter((p) => p.lower !== undefined && p.upper !== undefined);
          const band = banded.length > 1 ? `${path(banded, (p) => p.upper!)}L${[...banded].reverse().map((p) => `${x(p.t).toFixed(1)},${y(p.lower!).toFixed(1)}`).join('L')}Z` : '';
          return (
            <g key={s.name}>
              {band && <path d={band} fill={s.colour} opacity={0.15} />}
              <path d={path(s.points, (p) => p.y)} fill="none" stroke={s.colour} stroke-width={2} stroke-dasharray={s.dashed ? '5 4' : undefined} />
            </g>
          );
        })}
      </svg>
      <figcaption>
        {title}: {series.map((s) => <span key={s.name} class="legend"><span class="swatch" style={{ background: s.colour }} aria-hidden="true" /> {s.name}</span>)}
      </figcaption>
    </figure>
  );
}
