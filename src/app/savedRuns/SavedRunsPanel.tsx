// The saved runs list: every run kept in IndexedDB (saved after each generation) with its settings and progress;
// reopen one (charts and samples come back; an unfinished run can continue), export it as JSON (settings, history,
// viewer samples; no model weights), import such a file (validated; errors name the field), or delete it.

import { useEffect, useRef, useState } from 'react';
import { downloadBlob } from '../download';
import { labController } from '../runController';
import type { RunSummary } from '../state/runSlice';
import { whenIdle } from '../idle';
import { useAppStore } from '../store';
import './SavedRunsPanel.css';

const msg = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A run's creation date in the reader's locale and time zone. */
const createdText = (iso: string): string => new Date(iso).toLocaleString();

/**
 * The page's first Date.toLocaleString loads the locale's ICU date formatter: about 50 ms on the main thread,
 * which the first run row paid right after Start (a long task while the run began). Paying it once while the
 * page is idle leaves only the cached formatter's cost (microseconds) to the rows.
 */
function useWarmDateFormat(): void {
  useEffect(() => {
    return whenIdle(() => void createdText(new Date(0).toISOString()), 5000);
  }, []);
}

function RunRow({ r, current, busy, act }: { r: RunSummary; current: boolean; busy: boolean; act: (what: string, f: () => Promise<void>) => void }) {
  // a run that is not open and has no generation 0 was interrupted before its first checkpoint
  const interrupted = r.generation < 0 && !current;
  const progress = r.generation < 0 ? (current ? 'generation 0 in progress' : 'interrupted before generation 0 finished')
    : `${r.generation} / ${r.generations} generations`;
  return (
    <li className={`runs-row${current ? ' is-current' : ''}`} data-testid="run-row" data-run-id={r.id}>
      <div className="runs-info">
        <span className="runs-label">{r.label}</span>
        {current && <span className="runs-tag runs-tag-current">open</span>}
        {r.done && <span className="runs-tag">{r.imported ? 'imported' : 'done'}</span>}
        <span className="runs-meta">{r.summary} · {progress} · {createdText(r.created)}</span>
      </div>
      <div className="runs-actions">
        <button type="button" data-testid="run-open" disabled={busy || current}
          title={interrupted ? 'Train generation 0 again from the settings it was started with (then it pauses; Start continues it)' : r.imported ? 'Show its charts and samples (imported runs have no weights and cannot continue)' : r.done ? 'Show its charts and samples' : 'Show its charts and samples; Start continues it'}
          onClick={() => act('Open', () => labController.openRun(r.id))}>Open</button>
        <button type="button" data-testid="run-export" disabled={r.generation < 0} title="Download as JSON: settings, metrics history and viewer samples (no model weights)"
          onClick={() => act('Export', async () => downloadBlob(await labController.exportRun(r.id), `scsc-run-${r.id}.json`))}>Export</button>
        <button type="button" data-testid="run-delete" disabled={busy && current} title="Delete this run from this browser"
          onClick={() => {
            if (window.confirm(`Delete run "${r.label}"? Its saved generations are removed from this browser.`)) act('Delete', () => labController.deleteRun(r.id));
          }}>Delete</button>
      </div>
    </li>
  );
}

export function SavedRunsPanel() {
  const runs = useAppStore((s) => s.runs);
  const currentId = useAppStore((s) => s.run.id);
  const status = useAppStore((s) => s.run.status);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const [error, setError] = useState<string | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const busy = status === 'running' || status === 'starting' || status === 'pausing';
  useWarmDateFormat();

  const act = (what: string, f: () => Promise<void>) => {
    setError(null);
    f().catch((e: unknown) => {
      const text = `${what} failed: ${msg(e)}`;
      setError(text);
      pushNotice('error', text);
    });
  };

  const onFile = (files: FileList | null) => {
    const f = files?.[0];
    if (!f) return;
    act('Import', () => labController.importRun(f));
    if (file.current) file.current.value = '';
  };

  return (
    <section className="runs-panel" aria-labelledby="runs-title" data-testid="runs">
      <header className="runs-header">
        <h2 id="runs-title">Saved runs</h2>
        <label className="runs-import" title="Import a run exported from SCSC Lab (JSON)">
          Import JSON…
          <input ref={file} type="file" accept=".json,application/json" data-testid="run-import" onChange={(e) => onFile(e.currentTarget.files)} />
        </label>
      </header>
      <p className="runs-note">
        Every run is saved in this browser after each generation, so a reload or crash resumes it. Exports hold the
        settings, the metrics of every generation and the viewer samples, <b>not the model weights</b>: an imported
        run shows its charts and samples but cannot be continued.
      </p>
      {error && <p className="runs-error" role="alert" data-testid="runs-error">{error}</p>}
      {runs.length === 0 ? (
        <p className="runs-empty" data-testid="runs-empty">No saved runs yet. Start one above.</p>
      ) : (
        <ul className="runs-list">
          {runs.map((r) => <RunRow key={r.id} r={r} current={r.id === currentId} busy={busy} act={act} />)}
        </ul>
      )}
    </section>
  );
}
