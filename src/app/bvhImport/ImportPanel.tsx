// BVH import: drop or choose one or more .bvh files, type the caption they get (required; the action label comes
// from the caption's first verb unless typed), and Import parses, validates, retargets and resamples them in a
// worker (src/core/motion via src/worker/bvhImportFiles.ts). Valid clips join the store's `imported` clips: they appear in the
// clip picker and join the real set of the next run. A malformed file gives an error notice naming the file and
// line; nothing else changes (a running run goes on).

import { useMemo, useRef, useState } from 'react';
import { useAppStore } from '../store';
import { importBvhInWorker } from '../../worker/bvhImportClient';
import { labelFromCaption, normalizeLabel } from './captionLabel';
import './ImportPanel.css';

function isBvh(f: File): boolean {
  return /\.bvh$/i.test(f.name);
}

export function ImportPanel() {
  const imported = useAppStore((s) => s.imported);
  const addImported = useAppStore((s) => s.addImported);
  const removeImported = useAppStore((s) => s.removeImported);
  const pushNotice = useAppStore((s) => s.pushNotice);
  const [files, setFiles] = useState<File[]>([]);
  const [caption, setCaption] = useState('');
  const [labelText, setLabelText] = useState('');
  const [busy, setBusy] = useState(false);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const derived = useMemo(() => labelFromCaption(caption), [caption]);
  const label = normalizeLabel(labelText) || normalizeLabel(derived);
  const ready = files.length > 0 && caption.trim().length > 0 && label.length > 0 && !busy;

  const stage = (list: FileList | null) => {
    if (!list) return;
    const all = [...list];
    const bvh = all.filter(isBvh);
    const other = all.filter((f) => !isBvh(f));
    if (other.length > 0) pushNotice('warning', `Import: not a .bvh file, skipped: ${other.map((f) => f.name).join(', ')}`);
    setFiles(bvh);
  };

  const run = async () => {
    if (!ready) return;
    setBusy(true);
    try {
      const results = await importBvhInWorker(files, caption.trim(), label);
      let first = true;
      for (const r of results) {
        if (!r.ok) {
          pushNotice('error', `Import failed: ${r.error}`);
          continue;
        }
        const added = addImported(r.clips, first);
        first = false;
        const pieces = added.length === 1 ? '1 clip' : `${added.length} clips`;
        const held = r.clips.reduce((s, c) => s + (typeof c.meta?.heldFrames === 'number' ? c.meta.heldFrames : 0), 0);
        pushNotice(
          'info',
          `Imported ${r.file} as ${pieces} “${label}” (${r.sourceFrames} frames at ${r.sourceFps} fps → 60 frames at 20 fps` +
            `${held > 0 ? `, last pose held for ${held} frames` : ''}); it joins the real set of the next run.`,
        );
      }
      if (results.some((r) => r.ok)) {
        setFiles([]);
        if (input.current) input.current.value = '';
      }
    } catch (e) {
      pushNotice('error', `Import failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="import-panel" aria-label="Import BVH">
      <h2>Import motion (BVH)</h2>
      <div
        className={`import-drop${dragging ? ' import-drop-over' : ''}`}
        data-testid="import-drop"
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          stage(e.dataTransfer.files);
        }}
      >
        <p>Drop .bvh files here, or</p>
        <input
          ref={input}
          type="file"
          accept=".bvh"
          multiple
          data-testid="import-file"
          aria-label="BVH files"
          onChange={(e) => stage(e.target.files)}
        />
        {files.length > 0 && (
          <ul className="import-staged" data-testid="import-staged">
            {files.map((f) => (
              <li key={f.name}>{f.name} <span>({Math.ceil(f.size / 1024)} kB)</span></li>
            ))}
          </ul>
        )}
      </div>
      <label className="import-field">
        <span>Caption (required)</span>
        <input
          type="text"
          data-testid="import-caption"
          value={caption}
          maxLength={200}
          placeholder="a person waves with the right hand"
          onChange={(e) => setCaption(e.target.value)}
        />
      </label>
      <label className="import-field">
        <span>Label</span>
        <input
          type="text"
          data-testid="import-label"
          value={labelText}
          maxLength={40}
          placeholder={derived || 'from the caption’s first verb'}
          onChange={(e) => setLabelText(e.target.value)}
        />
      </label>
      <p className="import-hint">
        {caption.trim() ? (
          <>Label: <strong data-testid="import-derived-label">{label || '—'}</strong>{labelText.trim() ? '' : ' (the caption’s first verb)'}.</>
        ) : (
          'Type the caption these motions get; the model learns them under it.'
        )}{' '}
        Clips are retargeted to the 22-joint skeleton, resampled to 20 fps and cut (or completed) to 3 s.
      </p>
      <button type="button" data-testid="import-button" disabled={!ready} onClick={() => void run()}>
        {busy ? 'Importing…' : `Import${files.length > 1 ? ` ${files.length} files` : ''}`}
      </button>
      {imported.length > 0 && (
        <>
          <p className="import-hint">These join the real set of the next run (with the embedded clips):</p>
          <ul className="import-list" data-testid="imported-list">
            {imported.map((c) => (
              <li key={c.id}>
                <span className="import-id">{c.id}</span> <span className="import-label">{c.label}</span>
                <button type="button" aria-label={`remove ${c.id}`} onClick={() => removeImported(c.id)}>×</button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
