// The before/after motion viewer panel. Before any run it plays a real clip (the embedded dataset or an imported
// BVH clip, chosen in the clip picker). Once the run has samples it shows a chosen generation, arm and sample: the
// generated motion ("before") and the physics-corrected one ("after") side by side, in sync, with whether the
// sample was corrected. "Simulate" runs the physics corrector on the motion shown (in a worker) and draws the
// ragdoll's bodies beside it with the report's figures. The prompt box below samples new motions.

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Clip } from '../../core/motion/clip';
import { pickerClips } from '../state/clipsSlice';
import { useAppStore } from '../store';
import { buildFigures, type FigureSpec } from './figures';
import type { MotionViewer, ViewerClip } from './motionViewer';
import { simulateClip, type SimulatedRagdoll } from './ragdollSimulation';
import { useSoftwarePlaybackPause } from './softwarePlayback';
import { PromptBox } from './PromptBox';
import { armsWithSamples, clampView, correctionNote, generationsWithSamples, pairAt } from './selection';
import { ViewerCanvas } from './ViewerCanvas';
import './BeforeAfterPanel.css';

export { FIGURE_COLOR } from './figures';

const SPEEDS = [0.25, 0.5, 1, 2] as const;

interface SimState {
  subject: Clip;
  result: SimulatedRagdoll | null;
  error: string | null;
}

function mm(x: number): string {
  return `${x.toFixed(1)} mm`;
}

export function BeforeAfterPanel() {
  const clips = useAppStore((s) => s.clips);
  const imported = useAppStore((s) => s.imported);
  const source = useAppStore((s) => s.source);
  const selected = useAppStore((s) => s.selected);
  const playing = useAppStore((s) => s.playing);
  const speed = useAppStore((s) => s.speed);
  const view = useAppStore((s) => s.view);
  const viewSource = useAppStore((s) => s.viewSource);
  const prompt = useAppStore((s) => s.prompt);
  const simulate = useAppStore((s) => s.simulate);
  const rootIntegral = useAppStore((s) => s.run.rootIntegral);
  const overlay = useAppStore((s) => s.overlay);
  const samples = useAppStore((s) => s.samples);
  const select = useAppStore((s) => s.select);
  const togglePlaying = useAppStore((s) => s.togglePlaying);
  const setPlaying = useAppStore((s) => s.setPlaying);
  const setSpeed = useAppStore((s) => s.setSpeed);
  const setView = useAppStore((s) => s.setView);
  const setViewSource = useAppStore((s) => s.setViewSource);
  const setSimulate = useAppStore((s) => s.setSimulate);
  const setOverlay = useAppStore((s) => s.setOverlay);
  const pushNotice = useAppStore((s) => s.pushNotice);

  const pausedForRun = useSoftwarePlaybackPause();
  const all = useMemo(() => pickerClips(clips, imported), [clips, imported]);
  const realClip: Clip | undefined = all[selected];
  const gens = useMemo(() => generationsWithSamples(samples), [samples]);
  const pair = useMemo(() => pairAt(view, samples), [view, samples]);
  const clamped = useMemo(() => clampView(view, samples), [view, samples]);

  // What is shown: the chosen source if it has something to show, else the real clip.
  const mode = viewSource === 'run' && pair ? 'run' : viewSource === 'prompt' && prompt ? 'prompt' : 'real';
  const mainClip: Clip | undefined = mode === 'prompt' ? prompt?.clip : mode === 'run' ? pair?.before : realClip;

  // Follow the run: when a newer generation with samples arrives, show it, unless the user chose another view
  // (a real clip or the prompt sample) since the run started showing samples.
  const follow = useRef(true);
  const latestSeen = useRef<number | undefined>(undefined);
  useEffect(() => {
    const latest = gens.length > 0 ? gens[gens.length - 1] : undefined;
    if (latest === undefined) follow.current = true;
    else if (latest !== latestSeen.current && follow.current) {
      const s = useAppStore.getState();
      if (s.viewSource !== 'run') s.setViewSource('run');
    }
    latestSeen.current = latest;
  }, [gens]);
  const chooseSource = (src: 'real' | 'run' | 'prompt') => {
    follow.current = src === 'run';
    setViewSource(src);
  };

  // Simulate: the ragdoll's performance of the motion shown (the "before" sample in a run), from the worker.
  const [sim, setSim] = useState<SimState | null>(null);
  const [followCamera, setFollowCamera] = useState(true);
  useEffect(() => {
    if (!simulate || !mainClip) return;
    let live = true;
    setSim({ subject: mainClip, result: null, error: null });
    simulateClip(mainClip, rootIntegral).then(
      (result) => {
        if (live) setSim({ subject: mainClip, result, error: null });
      },
      (e: unknown) => {
        if (!live) return;
        const msg = e instanceof Error ? e.message : String(e);
        setSim({ subject: mainClip, result: null, error: msg });
        pushNotice('error', `Simulate ${mainClip.id || 'clip'}: ${msg}`);
      },
    );
    return () => {
      live = false;
    };
  }, [simulate, mainClip, rootIntegral, pushNotice]);
  const simHere = simulate && sim && sim.subject === mainClip ? sim : null;
  const ragdoll = simHere?.result ?? null;

  const shown = useMemo<ViewerClip[]>(() => {
    let spec: FigureSpec | null = null;
    if (mode === 'run' && pair) spec = { kind: 'pair', pair, ragdoll, overlay };
    else if (mainClip) spec = { kind: 'single', clip: mainClip, ragdoll, overlay };
    return spec ? buildFigures(spec) : [];
  }, [mode, pair, mainClip, ragdoll, overlay]);

  // Picker entries grouped by action label, in order of first appearance; values are indices into the list.
  const groups = useMemo(() => {
    const byLabel = new Map<string, number[]>();
    all.forEach((c, i) => {
      const key = i >= clips.length ? `imported: ${c.label}` : c.label;
      const list = byLabel.get(key);
      if (list) list.push(i);
      else byLabel.set(key, [i]);
    });
    return [...byLabel.entries()];
  }, [all, clips.length]);

  const viewer = useRef<MotionViewer | null>(null);
  const scrubber = useRef<HTMLInputElement>(null);
  const frameText = useRef<HTMLSpanElement>(null);
  const onFrame = useCallback((f: number, n: number) => {
    if (scrubber.current) {
      scrubber.current.max = String(Math.max(0, n - 1));
      scrubber.current.value = String(f);
    }
    if (frameText.current) frameText.current.textContent = `frame ${f + 1} / ${n}`;
  }, []);
  const setViewer = useCallback((v: MotionViewer | null) => {
    viewer.current = v;
  }, []);

  const arms = clamped ? armsWithSamples(samples, clamped.generation) : [];

  return (
    <section className="viewer-panel" aria-label="Motion viewer">
      <div className="ba-toolbar">
        <div className="ba-source" role="group" aria-label="What the viewer shows">
          <button type="button" data-testid="view-real" aria-pressed={mode === 'real'} onClick={() => chooseSource('real')}>
            Real data
          </button>
          <button
            type="button"
            data-testid="view-run"
            aria-pressed={mode === 'run'}
            disabled={gens.length === 0}
            title={gens.length === 0 ? 'A run shows its synthetic samples here from generation 1 on' : 'Synthetic samples before and after correction'}
            onClick={() => chooseSource('run')}
          >
            Before / after
          </button>
          <button
            type="button"
            data-testid="view-prompt"
            aria-pressed={mode === 'prompt'}
            disabled={!prompt}
            title={prompt ? 'The last motion sampled from a prompt' : 'Sample a motion with the prompt box below'}
            onClick={() => chooseSource('prompt')}
          >
            Prompt sample
          </button>
        </div>
        {mode === 'run' && clamped && pair && (
          <div className="ba-select">
            <label>
              <span>Generation</span>
              <select
                data-testid="view-generation"
                value={view.generation === null ? 'latest' : String(clamped.generation)}
                onChange={(e) => {
                  follow.current = true;
                  setView({ generation: e.target.value === 'latest' ? null : Number(e.target.value) });
                }}
              >
                <option value="latest">latest ({gens[gens.length - 1]})</option>
                {gens.map((g) => (
                  <option key={g} value={g}>{g}</option>
                ))}
              </select>
            </label>
            <label>
              <span>Arm</span>
              <select data-testid="view-arm" value={clamped.arm} onChange={(e) => setView({ arm: e.target.value as typeof clamped.arm })}>
                {arms.map((a) => (
                  <option key={a} value={a}>{a}</option>
                ))}
              </select>
            </label>
            <span className="ba-sample">
              <button type="button" aria-label="previous sample" disabled={clamped.sample === 0} onClick={() => setView({ sample: clamped.sample - 1 })}>‹</button>
              <span data-testid="view-sample">sample {clamped.sample + 1} / {pair.count}</span>
              <button type="button" aria-label="next sample" disabled={clamped.sample >= pair.count - 1} onClick={() => setView({ sample: clamped.sample + 1 })}>›</button>
            </span>
            <span className={`ba-badge ${pair.corrected ? 'ba-corrected' : 'ba-uncorrected'}`} data-testid="corrected-badge">
              {pair.corrected ? 'corrected' : 'not corrected'}
            </span>
          </div>
        )}
      </div>

      <ViewerCanvas clips={shown} playing={playing} speed={speed} follow={followCamera} onFrame={onFrame} viewerRef={setViewer} />

      <div className="clip-line" data-testid="caption" aria-live="polite">
        {mainClip ? (
          <>
            <span className="clip-label" data-testid="clip-label">{mainClip.label}</span>{' '}
            <span className="clip-caption">{mode === 'prompt' && prompt ? `“${prompt.prompt}”` : mainClip.caption}</span>
            {mode === 'run' && pair && (
              <span className="ba-where">generation {pair.generation} · {pair.arm} · {correctionNote(pair.arm, pair.corrected)}</span>
            )}
            {mode === 'prompt' && prompt && (
              <span className="ba-where">sampled from the {prompt.arm} model, seed {prompt.seed}</span>
            )}
          </>
        ) : (
          <span className="clip-caption">loading clips…</span>
        )}
      </div>

      <div className="controls">
        <button type="button" data-testid="play-pause" onClick={togglePlaying} aria-pressed={playing}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <input
          ref={scrubber}
          type="range"
          min={0}
          max={59}
          defaultValue={0}
          step={1}
          data-testid="scrubber"
          aria-label="frame"
          onInput={(e) => {
            setPlaying(false);
            viewer.current?.setFrame(Number((e.target as HTMLInputElement).value));
          }}
        />
        <span className="frame-text" ref={frameText} data-testid="frame">frame 1 / 60</span>
        <label className="ba-speed">
          <span>Speed</span>
          <select data-testid="speed" value={String(speed)} onChange={(e) => setSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={String(s)}>{s}×</option>
            ))}
          </select>
        </label>
        <label className="ba-toggle" title="The camera moves with the figures (off: it frames the whole motion and stays)">
          <input type="checkbox" data-testid="follow" checked={followCamera} onChange={(e) => setFollowCamera(e.target.checked)} />
          <span>Follow</span>
        </label>
        <label className="ba-toggle" title="Run the physics corrector on this motion (in a worker) and draw the simulated ragdoll's bodies">
          <input type="checkbox" data-testid="simulate" checked={simulate} disabled={!mainClip} onChange={(e) => setSimulate(e.target.checked)} />
          <span>Simulate ragdoll</span>
        </label>
        {simulate && (
          <label className="ba-toggle" title="Draw the ragdoll in place, under a see-through copy of the motion, instead of beside it">
            <input type="checkbox" data-testid="overlay" checked={overlay} onChange={(e) => setOverlay(e.target.checked)} />
            <span>overlay</span>
          </label>
        )}
        <label className="picker">
          <span>Clip</span>
          <select
            data-testid="clip-picker"
            value={selected}
            onChange={(e) => {
              select(Number(e.target.value));
              chooseSource('real');
            }}
          >
            {groups.map(([label, members]) => (
              <optgroup key={label} label={label}>
                {members.map((i) => (
                  <option key={`${i}:${all[i].id}`} value={i}>
                    {all[i].label} — {all[i].caption}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      </div>

      {pausedForRun && (
        <p className="ba-note" data-testid="software-pause" aria-live="polite">
          Playback paused while a model trains: this browser draws 3D on the CPU (no GPU acceleration), so every frame
          would wait for the training and the page would stall. Play plays anyway.
        </p>
      )}

      {simHere && (
        <p className="ba-sim" data-testid="sim-report" aria-live="polite">
          {simHere.error ? (
            <span className="ba-sim-error">Simulation failed: {simHere.error}</span>
          ) : simHere.result ? (
            <>
              <strong>Simulated ragdoll</strong> (blue, {overlay ? 'under the see-through input' : 'beside the input'}): MPJPE to the input{' '}
              <span data-testid="sim-mpjpe">{mm(simHere.result.report.mpjpeMm)}</span> · Phys-Err{' '}
              <span data-testid="sim-physerr">
                {mm(simHere.result.report.before.physErr)} → {mm(simHere.result.report.after.physErr)}
              </span>{' '}
              (penetrate {mm(simHere.result.report.before.penetrate)} → {mm(simHere.result.report.after.penetrate)}, float{' '}
              {mm(simHere.result.report.before.float)} → {mm(simHere.result.report.after.float)}, skate{' '}
              {mm(simHere.result.report.before.skate)} → {mm(simHere.result.report.after.skate)}) · {simHere.result.report.resets} resets
              {simHere.result.report.failSafe ? ` · fail-safe: ${simHere.result.report.failSafe}` : ''} · simulated in{' '}
              {Math.round(simHere.result.report.ms)} ms
            </>
          ) : (
            <span>Simulating the ragdoll in a worker…</span>
          )}
        </p>
      )}

      <p className="source-note">
        {mode === 'run'
          ? 'Orange: the generated sample; green: the same sample after correction. '
          : mode === 'prompt'
            ? 'A motion sampled from the prompt. '
            : `${source}${imported.length > 0 ? ` + ${imported.length} imported` : ''}. `}
        Green discs: feet on the floor; red: body parts below it. Drag to orbit, scroll to zoom, right-drag to pan. 20
        frames per second.
      </p>
      <PromptBox />
    </section>
  );
}
