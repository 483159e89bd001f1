// The stability region of the bound, λ·C < (1+γ)/(2+γ), in the (γ, λ) plane: the shaded band is where the
// bound holds, the dot is the current (γ, λ) (green inside, red outside). γ runs on the lab's slider scale.

import { memo, useMemo } from 'react';
import { Area, CartesianGrid, ComposedChart, ReferenceDot, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import { stabilityThreshold } from '../../core/theory/bound';
import { GAMMA_POS_MAX, formatGamma, gammaFromPos, posFromGamma } from './gammaScale';

const LAMBDA_MAX = 1.5;
const TICK_GAMMAS = [0, 0.01, 0.1, 1, 10, 100, Infinity];

export const StabilityRegion = memo(function StabilityRegion({ lambda, gammaPos, C, stable }: { lambda: number; gammaPos: number; C: number; stable: boolean }) {
  const rows = useMemo(() => {
    const out: { pos: number; lim: number }[] = [];
    for (let p = 0; p <= GAMMA_POS_MAX; p++) out.push({ pos: p, lim: Math.min(LAMBDA_MAX, stabilityThreshold(gammaFromPos(p)) / C) });
    return out;
  }, [C]);
  return (
    <div className="theory-region" data-testid="theory-region" data-stable={stable ? 'true' : 'false'}
      aria-label="stability region">
      <ResponsiveContainer width="100%" height={200}>
        <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
          <CartesianGrid stroke="#2a2f38" />
          <XAxis dataKey="pos" type="number" domain={[0, GAMMA_POS_MAX]} ticks={TICK_GAMMAS.map(posFromGamma)}
            tickFormatter={(p: number) => formatGamma(gammaFromPos(p))} stroke="#9aa3b1"
            label={{ value: 'γ', position: 'insideBottomRight', offset: -2, fill: '#9aa3b1' }} />
          <YAxis domain={[0, LAMBDA_MAX]} ticks={[0, 0.5, 1, 1.5]} stroke="#9aa3b1" width={44}
            label={{ value: 'λ', angle: 0, position: 'insideLeft', fill: '#9aa3b1' }} />
          <Area dataKey="lim" type="stepAfter" stroke="#3fb8a3" fill="#3fb8a3" fillOpacity={0.25} isAnimationActive={false} />
          <ReferenceDot x={gammaPos} y={Math.min(lambda, LAMBDA_MAX)} r={6} fill={stable ? '#7cc35a' : '#e5484d'} stroke="#0f1115" />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
});
