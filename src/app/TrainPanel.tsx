// The training panel: which tfjs backend the diffusion worker runs on (badge, with the reason), a Train button
// with preset/steps/batch settings, a live step / loss / steps-per-second readout, and a loss sparkline. All
// model work happens in the diffusion Web Worker; this panel only sends requests and shows events. The worker is
// started only when the folded playground section around the panel is first opened (playgroundStart.ts), not at
// page load; the badge's data-worker attribute says "idle" until then and "started" after.

import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackendChoice } from '../core/diffusion/backend';
import type { PresetName } from '../core/diffusion/presets';
import { DiffusionClient } from '../worker/diffusionClient';
import type { WorkerEvent } from '../worker/diffusionProtocol';
import { startWhenOpened } from './playgroundStart';
import { useAppStore } from './store';
import './TrainPanel.css';

interface Point {
  step: number;
  loss: number;
}

const DATASET = { n: 64, seed: 1 };

function Sparkline({ points }: { points: Point[] }) {
  const w = 240, h = 56, pad = 3;
  let path = '';
  if (points.length > 0) {
    const maxStep = Math.max(...points.map((p) => p.step), 1);
    const lo = Math.min(...points.map((p) => p.loss));
    const hi = Math.max(...points.map((p) => p.loss));
    const span = hi - lo || 1;
    path = points
      .map((p, i) => {
        const x = pad + ((w - 2 * pad) * p.step) / maxStep;
        const y = pad + ((h - 2 * pad) * (hi - p.loss)) / span;
        return `${i === 0 ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
  }
  return (
    <svg className="loss-chart" width={w} height={h} viewBox={`0 0 ${w} ${h}`} data-testid="loss-chart"
      data-losses={JSON.stringify(points.map((p) => Number(p.loss.toFixed(5))))} role="img" aria-label="training loss">
      <path d={path} fill="none" stroke="currentColor" strokeWidth={1.5} />
    </svg>
  );
}

export function TrainPanel() {
  const panel = useRef<HTMLElement | null>(null);
  const client = useRef<DiffusionClient | null>(null);
  /** Starts the worker if it is not running yet and returns it (set while the panel is mounted). */
  const ensureClient = useRef<(() => DiffusionClient) | null>(null);
  const [workerStarted, setWorkerStarted] = useState(false);
  const [backend, setBackend] = useState<BackendChoice | null>(null);
  const [preset, setPreset] = useState<PresetName>('tiny');
  const [steps, setSteps] = useState(40);
  const [batch, setBatch] = useState(16);
  const [setupFor, setSetupFor] = useState<PresetName | null>(null);
  const [training, setTraining] = useState(false);
  const setPlaygroundTraining = useAppStore((s) => s.setPlaygroundTraining);
  useEffect(() => {
    setPlaygroundTraining(training);
    return () => setPlaygroundTraining(false);
  }, [training, setPlaygroundTraining]);
  const [points, setPoints] = useState<Point[]>([]);
  const [live, setLive] = useState<{ step: number; total: number; loss: number; sps: number } | null>(null);
  const [params, setParams] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const base = useRef(0);

  useEffect(() => {
    let c: DiffusionClient | null = null;
    let off: () => void = () => undefined;
    const ensure = (): DiffusionClient => {
      if (c) return c;
      const started = new DiffusionClient();
      c = started;
      client.current = started;
      off = started.onEvent((e: WorkerEvent) => {
        if (e.type === 'backend') setBackend(e.choice);
        else if (e.type === 'notice') setNotice(e.message);
        else if (e.type === 'progress') {
          const p = e.progress;
          setLive({ step: base.current + p.step, total: base.current + p.total, loss: p.loss, sps: p.stepsPerSec });
          setPoints((pts) => [...pts, { step: base.current + p.step, loss: p.loss }]);
        }
      });
      started.request({ type: 'init' }).catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
      setWorkerStarted(true);
      return started;
    };
    ensureClient.current = ensure;
    // Outside a fold (no <details> around the panel) the worker starts at once, as before.
    const stopWatching = startWhenOpened(panel.current?.closest('details') ?? null, ensure);
    return () => {
      stopWatching();
      ensureClient.current = null;
      off();
      c?.terminate();
      client.current = null;
      setWorkerStarted(false);
    };
  }, []);

  const train = useCallback(async () => {
    const c = client.current ?? ensureClient.current?.();
    if (!c) return;
    setError(null);
    setTraining(true);
    try {
      if (setupFor !== preset) {
        const info = await c.request({ type: 'setup', preset, seed: 1, dataset: DATASET });
        setParams(info.parameters);
        setSetupFor(preset);
        setPoints([]);
        base.current = 0;
      }
      const done = await c.request({ type: 'train', steps, batchSize: batch, learningRate: 2e-3, progressEvery: 5, seed: base.current + 1 });
      base.current += done.steps;
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setTraining(false);
    }
  }, [preset, steps, batch, setupFor]);

  const stop = useCallback(() => {
    client.current?.request({ type: 'stop' }).catch(() => undefined);
  }, []);

  return (
    <section className="train-panel" aria-label="Diffusion training" ref={panel}>
      <header>
        <h2>Diffusion model</h2>
        <span className="backend-badge" data-testid="train-backend" data-worker={workerStarted ? 'started' : 'idle'} title={backend?.reason ?? 'choosing a backend…'}>
          {backend ? backend.name : '…'}
        </span>
      </header>
      <div className="train-controls">
        <label>
          Preset
          <select data-testid="train-preset" value={preset} disabled={training} onChange={(e) => setPreset(e.target.value as PresetName)}>
            <option value="tiny">tiny</option>
            <option value="small">small</option>
          </select>
        </label>
        <label>
          Steps
          <input data-testid="train-steps" type="number" min={1} max={100000} value={steps} disabled={training}
            onChange={(e) => setSteps(Math.max(1, Math.floor(Number(e.target.value) || 1)))} />
        </label>
        <label>
          Batch
          <input data-testid="train-batch" type="number" min={1} max={512} value={batch} disabled={training}
            onChange={(e) => setBatch(Math.max(1, Math.floor(Number(e.target.value) || 1)))} />
        </label>
        {training ? (
          <button type="button" data-testid="train-stop" onClick={stop}>Stop</button>
        ) : (
          <button type="button" data-testid="train-button" onClick={train} disabled={!backend}>Train</button>
        )}
      </div>
      <dl className="train-readout">
        <div><dt>step</dt><dd data-testid="train-step">{live ? `${live.step} / ${live.total}` : '–'}</dd></div>
        <div><dt>loss</dt><dd data-testid="train-loss">{live ? live.loss.toFixed(4) : '–'}</dd></div>
        <div><dt>steps/s</dt><dd data-testid="train-sps">{live ? live.sps.toFixed(2) : '–'}</dd></div>
        <div><dt>params</dt><dd>{params !== null ? params.toLocaleString('en') : '–'}</dd></div>
      </dl>
      <Sparkline points={points} />
      {backend && <p className="train-note">{backend.reason}</p>}
      {notice && <p className="train-notice" data-testid="train-notice" role="status">{notice}</p>}
      {error && <p className="train-error" data-testid="train-error" role="alert">{error}</p>}
    </section>
  );
}
