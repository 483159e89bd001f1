// React wrapper around createMotionViewer: owns the canvas, creates the viewer on mount, disposes it on unmount,
// and forwards clips, play/pause and speed from props (the viewer and its WebGL context live as long as the
// component). Reports the shown frame through `onFrame` (no re-render needed) and the number of figures drawn as
// the canvas's `data-figures` attribute (for tests and scripts).

import { useEffect, useRef, useState } from 'react';
import { createMotionViewer, type MotionViewer, type ViewerClip } from './motionViewer';

export interface ViewerCanvasProps {
  clips: ViewerClip[];
  playing: boolean;
  /** Playback speed factor (1 = real time). */
  speed?: number;
  /** The camera follows the figures as they move (default true). */
  follow?: boolean;
  testId?: string;
  /** Called with the frame shown whenever it changes. */
  onFrame?: (frame: number, nFrames: number) => void;
  /** Receives the viewer once created (null on unmount), e.g. for a scrubber. */
  viewerRef?: (viewer: MotionViewer | null) => void;
  ariaLabel?: string;
}

export function ViewerCanvas({ clips, playing, speed = 1, follow = true, testId = 'viewer', onFrame, viewerRef, ariaLabel }: ViewerCanvasProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const viewer = useRef<MotionViewer | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onFrameRef = useRef(onFrame);
  onFrameRef.current = onFrame;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    let v: MotionViewer;
    try {
      v = createMotionViewer(canvas);
    } catch (e) {
      // No WebGL (blocked, or no GPU and no software fallback): say so instead of a blank page.
      setError(`The 3-D viewer cannot start: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    viewer.current = v;
    const off = v.onFrame((f) => onFrameRef.current?.(f, v.nFrames));
    viewerRef?.(v);
    // Development builds expose the viewer for poking at it from the console.
    if (import.meta.env.DEV) (window as unknown as { __scscViewer?: MotionViewer }).__scscViewer = v;
    return () => {
      off();
      viewerRef?.(null);
      v.dispose();
      viewer.current = null;
    };
    // The viewer lives as long as the component; clip and playback changes go through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The first clips are shown at once (the first screen); later changes (e.g. a run's new generation arriving) are
  // applied in a task of their own: building the figures (forward kinematics, meshes, labels) otherwise joined the
  // synchronous React render of the store update in one main-thread task (about 30 + 45 ms, profiled while a run
  // trained). A newer change before that task runs replaces it.
  const shownOnce = useRef(false);
  useEffect(() => {
    const v = viewer.current;
    if (!v) return;
    const apply = () => {
      try {
        v.setClips(clips);
      } catch (e) {
        setError(`The viewer cannot show this motion: ${e instanceof Error ? e.message : String(e)}`);
        return;
      }
      setError(null);
      if (canvasRef.current) canvasRef.current.dataset.figures = String(v.figures);
    };
    if (!shownOnce.current) {
      shownOnce.current = true;
      apply();
      return;
    }
    const t = window.setTimeout(apply, 0);
    return () => clearTimeout(t);
  }, [clips]);

  useEffect(() => {
    viewer.current?.setSpeed(speed);
  }, [speed]);

  useEffect(() => {
    viewer.current?.setFollow(follow);
  }, [follow]);

  useEffect(() => {
    if (playing) viewer.current?.play();
    else viewer.current?.pause();
  }, [playing]);

  return (
    <div className="viewer-box">
      <canvas ref={canvasRef} data-testid={testId} data-figures="0" aria-label={ariaLabel ?? 'motion viewer'} />
      {error && (
        <p className="viewer-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
