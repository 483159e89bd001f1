// The theory lab's main chart: median W2 to the target against generation (log y) for the paper's γ values,
// the user's γ highlighted, and the stability bound for the user's γ dashed on top. No animation, so a new
// curve is in the SVG as soon as React commits. Drawn at a stride of generations (≤ 101 points a curve) so a
// slider's synchronous redraw stays cheap.

import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatGamma } from './gammaScale';
import { PAPER_GAMMAS, type TheoryCurves } from './theoryCompute';

/** Red (γ = 0) through to blue (γ = 5), one colour per paper γ. */
export const GAMMA_COLORS: readonly string[] = ['#e5484d', '#f06b3f', '#e79b35', '#c9c23a', '#7cc35a', '#3fb8a3', '#4c9be8', '#8b7cf0'];
const USER_COLOR = '#f2a541';
const BOUND_COLOR = '#e6e9ee';

type Row = Record<string, number>;

/** Most points drawn per curve: the curves are computed for every generation but drawn at a stride (plus the last). */
export const MAX_DRAWN_POINTS = 101;

/** Generations drawn for T generations: 0, s, 2s, …, T with s = ⌈T / (MAX_DRAWN_POINTS − 1)⌉. */
export function drawnGenerations(T: number): number[] {
  const stride = Math.max(1, Math.ceil(T / (MAX_DRAWN_POINTS - 1)));
  const out: number[] = [];
  for (let g = 0; g < T; g += stride) out.push(g);
  out.push(T);
  return out;
}

function decadeDomain(rows: Row[], keys: string[]): [number, number] {
  let lo = Infinity, hi = 0;
  for (const r of rows) {
    for (const k of keys) {
      const v = r[k];
      if (v > 0 && v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(lo < Infinity) || !(hi > 0)) return [1e-3, 1];
  return [10 ** Math.floor(Math.log10(lo)), 10 ** Math.ceil(Math.log10(hi))];
}

export const W2Chart = memo(function W2Chart({ curves, gamma }: { curves: TheoryCurves; gamma: number }) {
  const { rows, domain } = useMemo(() => {
    const out: Row[] = drawnGenerations(curves.user.length - 1).map((g) => {
      const r: Row = { g, user: curves.user[g], bound: curves.bound[g] };
      curves.paper.forEach((w, i) => { r[`p${i}`] = w[g]; });
      return r;
    });
    const keys = ['user', 'bound', ...PAPER_GAMMAS.map((_, i) => `p${i}`)];
    return { rows: out, domain: decadeDomain(out, keys) };
  }, [curves]);
  const ticks = useMemo(() => {
    const t: number[] = [];
    for (let v = domain[0]; v <= domain[1] * 1.0001; v *= 10) t.push(v);
    return t;
  }, [domain]);

  return (
    <div className="theory-chart" data-testid="theory-chart" aria-label="W2 to the target against generation">
      <ResponsiveContainer width="100%" height={340}>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
          <CartesianGrid stroke="#2a2f38" />
          <XAxis dataKey="g" type="number" domain={[0, curves.user.length - 1]} stroke="#9aa3b1"
            label={{ value: 'generation', position: 'insideBottomRight', offset: -2, fill: '#9aa3b1' }} />
          <YAxis scale="log" domain={domain} ticks={ticks} allowDataOverflow stroke="#9aa3b1" width={60}
            tickFormatter={(v: number) => String(Number(v.toPrecision(2)))} />
          <Tooltip contentStyle={{ background: '#171a20', border: '1px solid #2a2f38' }}
            formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} labelFormatter={(g) => `generation ${g}`} />
          <Legend />
          {PAPER_GAMMAS.map((gm, i) => (
            <Line key={gm} dataKey={`p${i}`} name={`γ = ${formatGamma(gm)}`} stroke={GAMMA_COLORS[i]} strokeWidth={1.2}
              strokeOpacity={0.75} dot={false} isAnimationActive={false} />
          ))}
          <Line dataKey="user" name={`your γ = ${formatGamma(gamma)}`} stroke={USER_COLOR} strokeWidth={3} dot={false}
            isAnimationActive={false} className="theory-user-line" />
          <Line dataKey="bound" name="bound (your γ)" stroke={BOUND_COLOR} strokeDasharray="6 4" strokeWidth={1.5}
            dot={false} isAnimationActive={false} className="theory-bound-line" />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
