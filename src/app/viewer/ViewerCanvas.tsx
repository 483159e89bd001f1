// React wrapper around createMotionViewer: owns the canvas, creates the viewer on mount, disposes it on unmount,
// and forwards clips and play/pause from props. Reports the shown frame through `onFrame` (no re-render needed).

import { useEffect, useRef, useState } from 'react';
import { createMotionViewer, type MotionViewer, type ViewerClip } from './motionViewer';

export interface ViewerCanvasProps {
  clips: ViewerClip[];
  playing: boolean;
  testId?: string;
  /** Called with the frame shown whenever it changes. */
  onFrame?: (frame: number, nFrames: number) => void;
  /** Receives the viewer once created (null on unmount), e.g. for a scrubber. */
  viewerRef?: (viewer: MotionViewer | null) => void;
  ariaLabel?: string;
}

export function ViewerCanvas({ clips, playing, testId = 'viewer', onFrame, viewerRef, ariaLabel }: ViewerCanvasProps) {
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

  useEffect(() => {
    viewer.current?.setClips(clips);
  }, [clips]);

  useEffect(() => {
    if (playing) viewer.current?.play();
    else viewer.current?.pause();
  }, [playing]);

  return (
    <div className="viewer-box">
      <canvas ref={canvasRef} data-testid={testId} aria-label={ariaLabel ?? 'motion viewer'} />
      {error && (
        <p className="viewer-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
