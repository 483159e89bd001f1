// The loop's controls: data set size, model preset, λ, γ (log scale with an ∞ stop), mixture/blend,
// replace/accumulate, generations, steps, seed and an Advanced group; Start / Pause / Step / Reset (through the run
// controller, errors become notices); the backend badge, the generation counter, and a progress bar with the
// current phase and an ETA. Settings that only apply to a new run are locked while a run exists; λ and γ stay live
// and apply from the next generation. Every control carries its explanation from help/explanations.ts.

import { useCallback, type CSSProperties, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { PRESET_NAMES, type PresetName } from '../../core/diffusion/presets';
import type { CorrectionMode } from '../../core/loop/config';
import { CONTROL_HELP } from '../help/explanations';
import { labController } from '../runController';
import { CORRECTION_MODES, DATA_SIZES, type DataSize, type LabConfig, RANGES } from '../state/labConfig';
import { useAppStore } from '../store';
import { correctionPercent } from '../../core/loop/params';
import { formatGamma, GAMMA_POS_MAX, gammaFromPos, posFromGamma } from '../theory/gammaScale';
import { formatEta, phaseWord, runIsBusy, runLocksSettings } from './format';
import { HelpTip } from './HelpTip';
import { NumberField } from './NumberField';
import { selectLoopControls, selectSyntheticPerGeneration } from './selectors';
import './ControlsPanel.css';

const PRESET_NOTES: Readonly<Record<PresetName, string>> = { tiny: 'seconds', small: 'default', base: 'slow' };

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** Runs a controller action; a failure becomes an error notice naming the action. */
function useAction() {
  const pushNotice = useAppStore((s) => s.pushNotice);
  return useCallback((name: string, fn: () => void | Promise<void>) => {
    try {
      const r = fn();
      if (r instanceof Promise) r.catch((e: unknown) => pushNotice('error', `${name}: ${errorText(e)}`));
    } catch (e) {
      pushNotice('error', `${name}: ${errorText(e)}`);
    }
  }, [pushNotice]);
}

function Field({ label, help, children, locked }: { label: ReactNode; help: string; children: ReactNode; locked?: boolean }) {
  return (
    <div className={`ctl-field${locked ? ' is-locked' : ''}`}>
      <div className="ctl-head">
        <span className="ctl-label">{label}</span>
        <HelpTip text={help} />
      </div>
      {children}
    </div>
  );
}

function Segmented<T extends string | number>({ name, value, options, onChange, disabled, testId, format }: {
  name: string; value: T; options: readonly T[]; onChange(v: T): void; disabled?: boolean; testId: string;
  format?: (v: T) => ReactNode;
}) {
  return (
    <div className="ctl-segmented" role="radiogroup" aria-label={name} data-testid={testId} data-value={String(value)}>
      {options.map((o) => (
        <label key={String(o)} className={o === value ? 'is-on' : ''}>
          <input type="radio" name={name} value={String(o)} checked={o === value} disabled={disabled}
            onChange={() => onChange(o)} />
          <span>{format ? format(o) : String(o)}</span>
        </label>
      ))}
    </div>
  );
}

function BackendBadge() {
  const backend = useAppStore((s) => s.backend);
  const name = backend?.name ?? 'not started';
  const reason = backend?.reason ?? 'The backend is chosen when the loop worker starts.';
  return (
    <span className={`backend-badge backend-${backend ? backend.name : 'none'}`} data-testid="backend" title={`${reason}\n\n${CONTROL_HELP.backend}`}>
      {name}
    </span>
  );
}

function RunProgress() {
  const run = useAppStore((s) => s.run);
  const generations = useAppStore((s) => s.config.generations);
  const pct = Math.round(Math.min(1, Math.max(0, run.fraction)) * 100);
  const busy = runIsBusy(run.status);
  const current = run.generation + 1;
  let text: string;
  if (run.status === 'error') text = `stopped: ${run.error ?? 'error'}`;
  else if (run.status === 'done') text = 'done';
  else if (run.status === 'paused') text = 'paused';
  else if (run.status === 'idle') text = 'not started';
  else if (run.status === 'starting') text = 'starting the worker…';
  else {
    const where = current === 0 ? 'generation 0' : `generation ${current}${run.arm ? ` · ${run.arm}` : ''}`;
    text = `${where} · ${phaseWord(run.phase) || 'working'}${run.status === 'pausing' ? ' (pausing after this generation)' : ''}`;
  }
  return (
    <div className="run-progress" title={CONTROL_HELP.progress}>
      <div className="run-progress-bar" role="progressbar" aria-label="run progress" aria-valuemin={0} aria-valuemax={100}
        aria-valuenow={pct} data-testid="progress" data-phase={run.phase ?? ''}>
        <div className={`run-progress-fill${busy ? ' is-busy' : ''}`} style={{ '--done': pct / 100 } as CSSProperties} />
      </div>
      <div className="run-progress-text">
        <span data-testid="phase">{text}</span>
        <span className="run-eta" data-testid="eta">
          {pct} %{busy ? ` · ETA ${formatEta(run.etaSeconds)}` : ''}
        </span>
      </div>
      <div className="run-generation">
        last completed generation{' '}
        <output data-testid="generation" data-generation={run.generation}>{run.generation < 0 ? '–' : run.generation}</output>
        <span className="muted"> of {generations}</span>
      </div>
    </div>
  );
}

function RunButtons() {
  const status = useAppStore((s) => s.run.status);
  const hasHistory = useAppStore((s) => s.history.length > 0);
  const act = useAction();
  const busy = runIsBusy(status);
  return (
    <div className="run-buttons">
      <button type="button" className="primary" data-testid="start" disabled={busy} title={CONTROL_HELP.start}
        onClick={() => act('Start', () => labController.start())}>
        {status === 'paused' ? 'Resume' : 'Start'}
      </button>
      <button type="button" data-testid="pause" disabled={!busy || status === 'pausing'} title={CONTROL_HELP.pause}
        onClick={() => act('Pause', () => labController.pause())}>Pause</button>
      <button type="button" data-testid="step" disabled={busy} title={CONTROL_HELP.step}
        onClick={() => act('Step', () => labController.step())}>Step</button>
      <button type="button" data-testid="reset" disabled={status === 'idle' && !hasHistory} title={CONTROL_HELP.reset}
        onClick={() => act('Reset', () => labController.reset())}>Reset</button>
    </div>
  );
}

function CopyLink() {
  const pushNotice = useAppStore((s) => s.pushNotice);
  const copy = () => {
    const url = window.location.href;
    const done = () => pushNotice('info', 'Link to these settings copied.');
    const fail = () => pushNotice('info', `Share these settings with this link: ${url}`);
    if (navigator.clipboard?.writeText) navigator.clipboard.writeText(url).then(done, fail);
    else fail();
  };
  return <button type="button" className="link-button" data-testid="copy-link" onClick={copy} title="The address bar always holds the current settings; this copies it.">copy link</button>;
}

export function ControlsPanel() {
  // Only the loop's fields: the theory lab's settings (also config fields) change on every slider input.
  const c = useAppStore(useShallow(selectLoopControls));
  const synthetic = useAppStore(selectSyntheticPerGeneration);
  const setConfig = useAppStore((s) => s.setConfig);
  const status = useAppStore((s) => s.run.status);
  const locked = runLocksSettings(status);
  const set = useCallback(<K extends keyof LabConfig>(k: K, v: LabConfig[K]) => setConfig({ [k]: v } as Partial<LabConfig>), [setConfig]);
  const gammaPos = posFromGamma(c.gamma);
  const liveNote = locked ? <span className="live-badge" title="Applies from the next generation of the running loop">live</span> : null;

  return (
    <section className="controls-panel" aria-labelledby="controls-title" data-testid="controls">
      <header className="controls-header">
        <h2 id="controls-title">The loop</h2>
        <BackendBadge />
      </header>

      <RunButtons />
      <RunProgress />

      <div className="controls-group">
        <Field label={<>λ = <b data-testid="lambda-value">{c.lambda.toFixed(2)}</b> <small>(<span data-testid="synthetic-count">{synthetic}</span> synthetic clips / gen)</small> {liveNote}</>} help={CONTROL_HELP.lambda}>
          <input type="range" data-testid="lambda" aria-label="λ, synthetic ratio" min={RANGES.lambda.min} max={RANGES.lambda.max}
            step={0.05} value={c.lambda} onChange={(e) => set('lambda', Number(e.currentTarget.value))} />
          <div className="ctl-scale"><span>0</span><span>0.5</span><span>1</span><span>1.5</span></div>
        </Field>
        <Field label={<>γ = <b data-testid="gamma-value">{formatGamma(c.gamma)}</b> <small>(corrects {correctionPercent(c.gamma)} %)</small> {liveNote}</>} help={CONTROL_HELP.gamma}>
          <input type="range" data-testid="gamma" aria-label="γ, correction strength" aria-valuetext={formatGamma(c.gamma)}
            data-gamma={c.gamma === Infinity ? 'inf' : String(c.gamma)} min={0} max={GAMMA_POS_MAX} step={1} value={gammaPos}
            onChange={(e) => set('gamma', gammaFromPos(Number(e.currentTarget.value)))} />
          <div className="ctl-scale"><span>0</span><span>0.01</span><span>0.1</span><span>1</span><span>10</span><span>∞</span></div>
        </Field>
        {locked && <p className="ctl-note">λ and γ are live: a change applies from the next generation and is marked on the charts.</p>}
      </div>

      <div className="controls-group" aria-disabled={locked}>
        {locked && <p className="ctl-note locked-note" data-testid="locked-note">The settings below apply to a new run. Reset to change them.</p>}
        <Field label="Real clips n" help={CONTROL_HELP.n} locked={locked}>
          <Segmented name="n" testId="n" value={c.n} options={DATA_SIZES} disabled={locked} onChange={(v: DataSize) => set('n', v)} />
        </Field>
        <Field label="Model" help={CONTROL_HELP.preset} locked={locked}>
          <Segmented name="preset" testId="preset" value={c.preset} options={PRESET_NAMES} disabled={locked}
            onChange={(v: PresetName) => set('preset', v)} format={(p) => <>{p} <small>{PRESET_NOTES[p]}</small></>} />
        </Field>
        <Field label="Correction" help={CONTROL_HELP.mode} locked={locked}>
          <Segmented name="mode" testId="mode" value={c.mode} options={CORRECTION_MODES} disabled={locked}
            onChange={(v: CorrectionMode) => set('mode', v)} />
        </Field>
        <Field label="Synthetic data" help={CONTROL_HELP.accumulate} locked={locked}>
          <Segmented name="accumulate" testId="accumulate" value={c.accumulate ? 'accumulate' : 'replace'}
            options={['replace', 'accumulate'] as const} disabled={locked} onChange={(v) => set('accumulate', v === 'accumulate')} />
        </Field>
        <div className="ctl-numbers">
          <NumberField field="generations" testId="gens" label="Generations" help={CONTROL_HELP.generations} value={c.generations}
            disabled={locked} onCommit={(v) => set('generations', v)} />
          <NumberField field="steps" testId="steps" label="Steps / gen" help={CONTROL_HELP.steps} value={c.steps}
            disabled={locked} onCommit={(v) => set('steps', v)} />
          <NumberField field="seed" testId="seed" label="Seed" help={CONTROL_HELP.seed} value={c.seed}
            disabled={locked} onCommit={(v) => set('seed', v)} />
        </div>
        <details className="ctl-advanced">
          <summary>Advanced</summary>
          <div className="ctl-numbers">
            <NumberField field="initialSteps" testId="init" label="Gen-0 steps" help={CONTROL_HELP.initialSteps} value={c.initialSteps}
              disabled={locked} onCommit={(v) => set('initialSteps', v)} />
            <NumberField field="evalSamples" testId="evals" label="Eval samples" help={CONTROL_HELP.evalSamples} value={c.evalSamples}
              disabled={locked} onCommit={(v) => set('evalSamples', v)} />
            <NumberField field="sampleSteps" testId="ss" label="Sampler steps" help={CONTROL_HELP.sampleSteps} value={c.sampleSteps}
              disabled={locked} onCommit={(v) => set('sampleSteps', v)} />
          </div>
        </details>
      </div>
      <footer className="controls-footer">
        <span className="muted">The address bar holds these settings.</span> <CopyLink />
      </footer>
    </section>
  );
}
