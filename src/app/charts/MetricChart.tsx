// One stability chart: a metric against generation, one line per arm in the arm's colour, generation 0 as a
// dashed reference line (the model every arm starts from), dotted markers where λ or γ changed, hover readouts,
// and SVG/PNG export. Memoised and never animated, so a new generation costs one cheap redraw. The readout (recharts'
// Tooltip) exists only while the pointer or keyboard focus is on the chart, so a generation landing does not update
// (or, on a freshly built chart, mount) five hidden tooltips. The wrapper carries data-testid and data-points
// (generations plotted) so tests can watch a point arrive.

import { memo, type RefObject, useEffect, useRef, useState, type ReactNode } from 'react';
import { type CartesianViewBox, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, type XAxisTickContentProps, YAxis, type YAxisTickContentProps } from 'recharts';
import { type ArmName, DEFAULT_LOOP_CONFIG } from '../../core/loop/config';
import { ARM_COLORS, ARM_DASHES, ARM_LABELS } from '../armColors';
import { HelpTip } from '../controls/HelpTip';
import type { MetricHelp } from '../help/explanations';
import { exportPng, exportSvg, type LegendEntry } from './exportChart';
import type { Series, SeriesRow } from './series';

interface Props {
  testId: string;
  help: MetricHelp;
  series: Series;
  smoothed: boolean;
  /** Fixed y domain (e.g. [0, 1] for R-precision); default: fitted to the data. */
  yDomain?: [number, number];
  /** Extra header content (e.g. the R-precision top-k switch). */
  extra?: ReactNode;
  /**
   * Whether the chart may be built now. The panel lets each chart build in its own idle moment after load (hidden
   * while it has no point), so building it is neither part of the first screen nor of a run's first generation.
   */
  build: boolean;
  onError(text: string): void;
}

/** 3 significant digits, no exponent for everyday magnitudes. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/** Points are drawn as dots only for short runs (each dot is an SVG element to rebuild on every generation). */
const DOTS_UP_TO = 15;

const TOOLTIP_STYLE = { background: '#0b0d11', border: '1px solid #2a2f38', borderRadius: 6, fontSize: 12 };
const AXIS = '#9aa3b1';

function tooltipName(key: string): string {
  const raw = key.endsWith(':raw');
  const arm = (raw ? key.slice(0, -4) : key) as ArmName;
  return `${ARM_LABELS[arm] ?? arm}${raw ? ' (raw)' : ''}`;
}

/**
 * An axis tick label as plain SVG text. recharts' default tick is its Text component, which measures every word
 * with the DOM to wrap it (a forced layout per label); and an axis whose `interval` is not a number measures every
 * label again to drop those that would overlap. These charts have at most about five short labels per axis, which
 * never overlap, so both axes take `interval={0}` and this tick: a generation's redraw measures no text.
 */
function AxisTick({ x, y, payload, index, textAnchor, verticalAnchor, fill, tickFormatter }: XAxisTickContentProps | YAxisTickContentProps) {
  const label = tickFormatter ? tickFormatter(payload.value, index) : String(payload.value);
  return (
    <text x={x} y={y} textAnchor={textAnchor} fill={fill} fontSize={11} className="recharts-text recharts-cartesian-axis-tick-value"
      dy={verticalAnchor === 'start' ? '0.71em' : verticalAnchor === 'end' ? '0' : '0.355em'}>{label}</text>
  );
}

/**
 * A reference line's label as plain SVG text in the top corner of the line's box, 5 px in: the top left for the
 * horizontal generation-0 line, the top right for a vertical λ/γ marker. recharts' Label would route it through its
 * Text component, which splits and measures the words on every redraw.
 */
function LineLabel({ viewBox, text, color, corner }: { viewBox?: CartesianViewBox; text: string; color: string; corner: 'left' | 'right' }) {
  const { x = 0, y = 0, width = 0 } = viewBox ?? {};
  return (
    <text x={corner === 'left' ? x + 5 : x + width - 5} y={y + 5} dy="0.71em" textAnchor={corner === 'left' ? 'start' : 'end'}
      fill={color} fontSize={10} className="recharts-text recharts-label">{text}</text>
  );
}

/** Smallest size the chart is drawn at (px), as recharts' ResponsiveContainer minWidth/minHeight did. */
const MIN_SIZE = 100;

interface BoxSize {
  width: number;
  height: number;
}

/**
 * The chart box's size, followed from mount (the box has a fixed CSS height and is laid out before the run has any
 * point). recharts' ResponsiveContainer only measures once the chart is mounted and then renders the whole chart a
 * second time synchronously, outside the transition the charts update in: a run's first generation cost one long
 * main-thread task per chart. Knowing the size beforehand, the chart is built inside that transition (React renders
 * it in slices); only the commit is left in one piece.
 */
function useBoxSize(ref: RefObject<HTMLDivElement | null>): BoxSize | null {
  const [size, setSize] = useState<BoxSize | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (width: number, height: number) => {
      const w = Math.max(MIN_SIZE, Math.round(width));
      const h = Math.max(MIN_SIZE, Math.round(height));
      setSize((prev) => (prev && prev.width === w && prev.height === h ? prev : { width: w, height: h }));
    };
    const r = el.getBoundingClientRect();
    update(r.width, r.height);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const e = entries[0];
      if (e) update(e.contentRect.width, e.contentRect.height);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return size;
}

export const MetricChart = memo(function MetricChart({ testId, help, series, smoothed, yDomain, extra, build, onError }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const size = useBoxSize(box);
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  const { rows, arms, gen0, markers } = series;
  // Until the first point, the chart is built with the default arms' (empty) lines, so a run's first generation only
  // updates them: mounting three lines and their dots is the costlier part of that first redraw.
  const lineArms = rows.length > 0 ? arms : DEFAULT_LOOP_CONFIG.arms;
  const last = rows.length > 0 ? rows[rows.length - 1].generation : 0;
  const title = `${help.title}${help.unit ? ` (${help.unit})` : ''}`;
  const legend: LegendEntry[] = [
    ...arms.map((a) => ({ label: ARM_LABELS[a], color: ARM_COLORS[a], dash: ARM_DASHES[a] })),
    ...(gen0 !== null ? [{ label: 'generation 0', color: '#9aa3b1', dash: '5 4' }] : []),
    ...(markers.length > 0 ? [{ label: 'λ/γ changed', color: '#f2a541', dash: '2 3' }] : []),
  ];
  const file = `scsc-${testId.replace(/^chart-/, '')}`;
  const doExport = (kind: 'svg' | 'png') => {
    const el = box.current;
    if (!el) return;
    if (kind === 'svg') {
      if (!exportSvg(el, title, legend, `${file}.svg`)) onError(`Export ${help.title}: nothing drawn yet.`);
    } else {
      exportPng(el, title, legend, `${file}.png`).then(
        (ok) => { if (!ok) onError(`Export ${help.title}: nothing drawn yet.`); },
        (e: unknown) => onError(`Export ${help.title} as PNG: ${e instanceof Error ? e.message : String(e)}`),
      );
    }
  };

  return (
    <figure className="metric-chart" data-testid={testId} data-points={rows.length} aria-label={`${help.title} against generation`}>
      <figcaption className="metric-chart-head">
        <span className="metric-chart-title">
          {title} <small className="muted">{help.better} is better</small>
        </span>
        <span className="metric-chart-tools">
          {extra}
          <HelpTip text={help.text} />
          <button type="button" className="chart-export" onClick={() => doExport('svg')} disabled={rows.length === 0}
            title={`Download the ${help.title} chart as SVG`} data-testid={`${testId}-svg`}>SVG</button>
          <button type="button" className="chart-export" onClick={() => doExport('png')} disabled={rows.length === 0}
            title={`Download the ${help.title} chart as PNG`} data-testid={`${testId}-png`}>PNG</button>
        </span>
      </figcaption>
      <div className={`metric-chart-box${rows.length === 0 ? ' is-empty' : ''}`} ref={box}
        onPointerEnter={() => setHovered(true)} onPointerLeave={() => setHovered(false)}
        onFocus={() => setFocused(true)} onBlur={() => setFocused(false)}>
        {rows.length === 0 && <p className="metric-chart-empty">{help.text}</p>}
        {size !== null && build && (
          <LineChart width={size.width} height={size.height} data={rows} margin={{ top: 14, right: 14, bottom: 4, left: 0 }}>
            <CartesianGrid stroke="#252a33" />
            <XAxis dataKey="generation" type="number" domain={[0, Math.max(1, last)]} allowDecimals={false} stroke={AXIS}
              tick={AxisTick} interval={0} />
            <YAxis domain={yDomain ?? ['auto', 'auto']} stroke={AXIS} width={48} tick={AxisTick} interval={0}
              tickFormatter={(v: number) => formatValue(v)} allowDataOverflow={yDomain !== undefined} />
            {(hovered || focused) && <Tooltip
              isAnimationActive={false} contentStyle={TOOLTIP_STYLE} labelStyle={{ color: '#e6e9ee' }}
              labelFormatter={(g) => `generation ${String(g)}${Number(g) === 0 ? ' (shared start)' : ''}`}
              formatter={(v, name) => [typeof v === 'number' ? formatValue(v) : '–', tooltipName(String(name))]}
            />}
            {gen0 !== null && (
              <ReferenceLine y={gen0} stroke="#9aa3b1" strokeDasharray="5 4" ifOverflow="extendDomain"
                label={<LineLabel text="gen 0" color="#9aa3b1" corner="left" />} />
            )}
            {markers.map((m) => (
              <ReferenceLine key={m.generation} x={m.generation} stroke="#f2a541" strokeDasharray="2 3"
                label={<LineLabel text={m.label} color="#f2a541" corner="right" />} />
            ))}
            {smoothed && lineArms.map((a) => (
              <Line key={`${a}:raw`} name={`${a}:raw`} dataKey={(r: SeriesRow) => r[`${a}:raw`] ?? null} stroke={ARM_COLORS[a]}
                strokeOpacity={0.28} strokeWidth={1} dot={false} activeDot={false} isAnimationActive={false} connectNulls />
            ))}
            {lineArms.map((a) => (
              <Line key={a} name={a} dataKey={(r: SeriesRow) => r[a] ?? null} stroke={ARM_COLORS[a]} strokeWidth={2}
                strokeDasharray={ARM_DASHES[a]} dot={rows.length <= DOTS_UP_TO ? { r: 2.5, strokeWidth: 0, fill: ARM_COLORS[a] } : false}
                activeDot={{ r: 4 }} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        )}
      </div>
    </figure>
  );
});
