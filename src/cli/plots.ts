// Small SVG line charts for `scsc experiment` (recharts renders nothing under react-dom/server, it draws in
// effects): one line per arm against generation, the shared generation-0 segment dashed, λ/γ changes marked by
// dotted vertical lines, axes with round ticks, a legend. Missing values (NaN) leave gaps.

export interface PlotSeries {
  name: string;
  color: string;
  /** [x, y] points in x order; y may be NaN. */
  points: [number, number][];
}

export interface PlotSpec {
  title: string;
  /** A smaller second line under the title (settings). */
  subtitle?: string;
  xLabel: string;
  yLabel: string;
  series: PlotSeries[];
  /** Vertical markers, e.g. { x: 10, label: 'λ 0.5→1' }. */
  markers?: { x: number; label: string }[];
  /** The segment from this x to the next point is dashed (default 0: generation 0 is shared by all arms). */
  dashedFrom?: number;
  width?: number;
  height?: number;
}

export const ARM_COLORS: Record<string, string> = {
  baseline: '#6b7280',
  'self-consuming': '#dc2626',
  'self-correcting': '#2563eb',
  idealized: '#16a34a',
};

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) {
    const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= d;
    hi += d;
  }
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 0.5; v += step) out.push(Number(v.toPrecision(12)));
  if (out[out.length - 1] < hi) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

function fmt(v: number): string {
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e4 || a < 1e-3) return v.toExponential(1);
  return String(Number(v.toPrecision(4)));
}

export function lineChartSvg(spec: PlotSpec): string {
  const W = spec.width ?? 640, H = spec.height ?? 360;
  const m = { l: 64, r: 16, t: spec.subtitle ? 50 : 36, b: 48 };
  const legendH = 18 * Math.ceil(spec.series.length / 3);
  const pw = W - m.l - m.r, ph = H - m.t - m.b - legendH;
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1])).filter((y) => Number.isFinite(y));
  const xMin = xs.length ? Math.min(...xs) : 0, xMax = xs.length ? Math.max(...xs) : 1;
  // generations are integers: integer ticks only
  let xt = niceTicks(xMin, Math.max(xMax, xMin + 1), 6).filter((v) => Number.isInteger(v));
  if (xt.length < 2) xt = [Math.floor(xMin), Math.ceil(Math.max(xMax, xMin + 1))];
  const yt = ys.length ? niceTicks(Math.min(...ys), Math.max(...ys), 5) : [0, 1];
  const x0 = Math.min(xMin, xt[0]), x1 = Math.max(xMax, xt[xt.length - 1], x0 + 1);
  const y0 = yt[0], y1 = yt[yt.length - 1];
  const X = (x: number): number => m.l + ((x - x0) / (x1 - x0)) * pw;
  const Y = (y: number): number => m.t + ph - ((y - y0) / (y1 - y0 || 1)) * ph;
  const f = (v: number): string => v.toFixed(1);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif" font-size="11">`);
  out.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
  out.push(`<text x="${W / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${esc(spec.title)}</text>`);
  if (spec.subtitle) out.push(`<text x="${W / 2}" y="37" text-anchor="middle" font-size="11" fill="#4b5563">${esc(spec.subtitle)}</text>`);
  for (const v of yt) {
    out.push(`<line x1="${m.l}" x2="${m.l + pw}" y1="${f(Y(v))}" y2="${f(Y(v))}" stroke="#e5e7eb"/>`);
    out.push(`<text x="${m.l - 6}" y="${f(Y(v) + 4)}" text-anchor="end" fill="#374151">${fmt(v)}</text>`);
  }
  for (const v of xt) {
    out.push(`<line x1="${f(X(v))}" x2="${f(X(v))}" y1="${m.t + ph}" y2="${m.t + ph + 4}" stroke="#374151"/>`);
    out.push(`<text x="${f(X(v))}" y="${m.t + ph + 16}" text-anchor="middle" fill="#374151">${fmt(v)}</text>`);
  }
  out.push(`<rect x="${m.l}" y="${m.t}" width="${pw}" height="${ph}" fill="none" stroke="#9ca3af"/>`);
  out.push(`<text x="${m.l + pw / 2}" y="${m.t + ph + 34}" text-anchor="middle" fill="#111827">${esc(spec.xLabel)}</text>`);
  out.push(`<text transform="translate(16 ${m.t + ph / 2}) rotate(-90)" text-anchor="middle" fill="#111827">${esc(spec.yLabel)}</text>`);
  for (const mk of spec.markers ?? []) {
    out.push(`<line x1="${f(X(mk.x))}" x2="${f(X(mk.x))}" y1="${m.t}" y2="${m.t + ph}" stroke="#a855f7" stroke-dasharray="2 3"/>`);
    out.push(`<text x="${f(X(mk.x) + 3)}" y="${m.t + 11}" fill="#7e22ce" font-size="10">${esc(mk.label)}</text>`);
  }
  const dashedFrom = spec.dashedFrom ?? 0;
  for (const s of spec.series) {
    const attrs = `fill="none" stroke="${s.color}" stroke-width="2" stroke-linejoin="round"`;
    let run: string[] = [];
    const flush = (): void => {
      if (run.length > 1) out.push(`<polyline points="${run.join(' ')}" ${attrs}/>`);
      run = [];
    };
    const pts = s.points;
    for (let i = 0; i < pts.length; i++) {
      const [x, y] = pts[i];
      if (!Number.isFinite(y)) {
        flush();
        continue;
      }
      if (x === dashedFrom && i + 1 < pts.length && Number.isFinite(pts[i + 1][1])) {
        flush();
        out.push(`<line x1="${f(X(x))}" y1="${f(Y(y))}" x2="${f(X(pts[i + 1][0]))}" y2="${f(Y(pts[i + 1][1]))}" ${attrs} stroke-dasharray="5 4"/>`);
        continue;
      }
      run.push(`${f(X(x))},${f(Y(y))}`);
    }
    flush();
    for (const [x, y] of pts) {
      if (!Number.isFinite(y)) continue;
      const hollow = x === dashedFrom;
      out.push(`<circle cx="${f(X(x))}" cy="${f(Y(y))}" r="${pts.length > 60 ? 1.5 : 3}" fill="${hollow ? '#ffffff' : s.color}" stroke="${s.color}" stroke-width="1.5"/>`);
    }
  }
  spec.series.forEach((s, i) => {
    const lx = m.l + (i % 3) * (pw / 3), ly = H - legendH + 4 + Math.floor(i / 3) * 18;
    out.push(`<line x1="${f(lx)}" x2="${f(lx + 22)}" y1="${ly}" y2="${ly}" stroke="${s.color}" stroke-width="2"/>`);
    out.push(`<text x="${f(lx + 28)}" y="${ly + 4}" fill="#111827">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
