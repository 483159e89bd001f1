// The theory lab's scatter: the n real points, the synthetic batch of one generation (corrected points in a
// separate colour) and the 2σ ellipse of the model that drew it, for the first seed of the sweep.

import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { TheoryScatter } from './theoryCompute';

interface Pt { x: number; y: number }

const LIM = 4;
const clampPt = (v: number) => Math.max(-LIM, Math.min(LIM, v));

/** Points on the 2σ ellipse of N(μ, Σ), Σ = (a, b; b, c), via its Cholesky factor. */
function ellipse(mean: [number, number], cov: [number, number, number], k = 64): Pt[] {
  const [a, b, c] = cov;
  const l11 = Math.sqrt(Math.max(0, a));
  const l21 = l11 > 0 ? b / l11 : 0;
  const l22 = Math.sqrt(Math.max(0, c - l21 * l21));
  const pts: Pt[] = [];
  for (let i = 0; i <= k; i++) {
    const th = (2 * Math.PI * i) / k;
    const u = 2 * Math.cos(th), v = 2 * Math.sin(th);
    pts.push({ x: clampPt(mean[0] + l11 * u), y: clampPt(mean[1] + l21 * u + l22 * v) });
  }
  return pts;
}

export const ToyScatter = memo(function ToyScatter({ scatter }: { scatter: TheoryScatter }) {
  const { real, synthetic, corrected, fit } = useMemo(() => {
    const cap = scatter.capture;
    const r: Pt[] = [];
    for (let i = 0; i < cap.real.length; i += 2) r.push({ x: clampPt(cap.real[i]), y: clampPt(cap.real[i + 1]) });
    const s: Pt[] = [];
    const c: Pt[] = [];
    for (let i = 0; i < cap.corrected.length; i++) {
      const p = { x: clampPt(cap.synthetic[2 * i]), y: clampPt(cap.synthetic[2 * i + 1]) };
      (cap.corrected[i] ? c : s).push(p);
    }
    return { real: r, synthetic: s, corrected: c, fit: ellipse(scatter.fitMean, scatter.fitCov) };
  }, [scatter]);

  return (
    <div className="theory-scatter" data-testid="theory-scatter" aria-label="real and synthetic points">
      <ResponsiveContainer width="100%" height={340}>
        <ScatterChart margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#2a2f38" />
          <XAxis dataKey="x" type="number" domain={[-LIM, LIM]} ticks={[-4, -2, 0, 2, 4]} stroke="#9aa3b1" />
          <YAxis dataKey="y" type="number" domain={[-LIM, LIM]} ticks={[-4, -2, 0, 2, 4]} stroke="#9aa3b1" width={32} />
          <Tooltip contentStyle={{ background: '#171a20', border: '1px solid #2a2f38' }}
            formatter={(v) => (typeof v === 'number' ? v.toFixed(3) : String(v))} />
          <Legend />
          <Scatter name="real" data={real} fill="#9fb3c8" isAnimationActive={false} />
          <Scatter name="synthetic" data={synthetic} fill="#f2a541" isAnimationActive={false} />
          <Scatter name="corrected" data={corrected} fill="#3fb8a3" isAnimationActive={false} />
          <Scatter name="model 2σ" data={fit} fill="none" line={{ stroke: '#e6e9ee', strokeDasharray: '4 3' }}
            shape={() => <g />} isAnimationActive={false} legendType="line" />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
});
