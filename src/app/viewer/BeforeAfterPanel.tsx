// The motion viewer panel: a clip of the real data with a clip picker, play/pause, a frame scrubber and the
// clip's label and caption. (Being extended to show a generation's samples before and after correction.)

import { useCallback, useMemo, useRef } from 'react';
import { useAppStore } from '../store';
import { ViewerCanvas } from './ViewerCanvas';
import type { MotionViewer, ViewerClip } from './motionViewer';

export const FIGURE_COLOR = '#f2a541';

export function BeforeAfterPanel() {
  const clips = useAppStore((s) => s.clips);
  const source = useAppStore((s) => s.source);
  const selected = useAppStore((s) => s.selected);
  const playing = useAppStore((s) => s.playing);
  const select = useAppStore((s) => s.select);
  const togglePlaying = useAppStore((s) => s.togglePlaying);
  const setPlaying = useAppStore((s) => s.setPlaying);

  const clip = clips[selected];
  // Picker entries grouped by action label, in order of first appearance; values are indices into `clips`.
  const groups = useMemo(() => {
    const byLabel = new Map<string, number[]>();
    clips.forEach((c, i) => {
      const list = byLabel.get(c.label);
      if (list) list.push(i);
      else byLabel.set(c.label, [i]);
    });
    return [...byLabel.entries()];
  }, [clips]);
  const shown = useMemo<ViewerClip[]>(() => (clip ? [{ clip, color: FIGURE_COLOR }] : []), [clip]);

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

  return (
    <section className="viewer-panel" aria-label="Motion viewer">
          <ViewerCanvas clips={shown} playing={playing} onFrame={onFrame} viewerRef={setViewer} />
          <div className="clip-line" data-testid="caption" aria-live="polite">
            {clip ? (
              <>
                <span className="clip-label" data-testid="clip-label">{clip.label}</span>
                {' '}
                <span className="clip-caption">{clip.caption}</span>
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
            <label className="picker">
              <span>Clip</span>
              <select
                data-testid="clip-picker"
                value={selected}
                onChange={(e) => select(Number(e.target.value))}
              >
                {groups.map(([label, members]) => (
                  <optgroup key={label} label={label}>
                    {members.map((i) => (
                      <option key={clips[i].id || i} value={i}>
                        {clips[i].label} — {clips[i].caption}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </label>
          </div>
          <p className="source-note">
            {source}. Drag to orbit, scroll to zoom, right-drag to pan. 20 frames per second, 60-frame clips.
          </p>
        </section>
  );
}
