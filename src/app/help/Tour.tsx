// The five-step guided tour: a header button opens an overlay that spotlights, in turn, the loop controls, the
// Start button, the stability charts, the before/after viewer and the theory lab, each with a short explanation.
// Next / Back / Close buttons; keyboard: → next, ← back, Esc closes, Tab stays inside the card; focus returns to
// the header button.

import { type CSSProperties, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import './Tour.css';

export interface TourStep {
  title: string;
  text: string;
  /** CSS selectors of the element to spotlight, first match wins (none found: the card is centred). */
  targets: string[];
}

export const TOUR_STEPS: readonly TourStep[] = [
  {
    title: 'The loop controls',
    text: 'Choose how much real data the model gets (n), how much of its own output it retrains on each generation (λ), and how strongly physics corrects those samples (γ: 0 none, ∞ every sample). Each control has a "?" with more. The address bar always holds these settings, so a link reproduces them.',
    targets: ['[data-testid="controls"]'],
  },
  {
    title: 'Start a run',
    text: 'Start trains generation 0 on the real clips, then retrains generation after generation, once per arm: a baseline on real data only, a self-consuming arm on uncorrected samples, and a self-correcting arm on physics-corrected ones. Step runs one generation; λ and γ stay adjustable while it runs.',
    targets: ['[data-testid="start"]'],
  },
  {
    title: 'Watch the charts',
    text: 'Each generation adds a point per arm. The dashed line is generation 0, where every arm starts. Without correction FID and Phys-Err tend to climb and the weights drift; with correction they should stay near the baseline. Hover for values, toggle smoothing, export PNG, SVG or CSV.',
    targets: ['[data-testid="charts"]'],
  },
  {
    title: 'Before and after correction',
    text: 'The viewer plays a generated motion (before) next to what the simulated humanoid could physically do with it (after). Body parts below the floor turn red; the scrubber and speed are shared by both.',
    targets: ['section.viewer-panel', '[data-testid="viewer"]'],
  },
  {
    title: 'The theory lab',
    text: 'The paper\'s 2-D Gaussian toy runs live: drag γ and watch the W2 error curves and the stability bound respond at once. Any γ > 0 keeps the loop closer to the target, and the shaded region shows when the bound holds.',
    targets: ['[data-testid="theory-lab"]'],
  },
];

interface Rect { top: number; left: number; width: number; height: number }

function findTarget(step: TourStep): HTMLElement | null {
  for (const sel of step.targets) {
    const el = document.querySelector<HTMLElement>(sel);
    if (el) return el;
  }
  return null;
}

const PAD = 6;
const CARD_W = 340;

export function Tour() {
  const [step, setStep] = useState<number | null>(null);
  const [rect, setRect] = useState<Rect | null>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const card = useRef<HTMLDivElement>(null);
  const open = step !== null;

  const close = useCallback(() => {
    setStep(null);
    opener.current?.focus();
  }, []);
  const next = useCallback(() => setStep((s) => (s === null ? s : s + 1 < TOUR_STEPS.length ? s + 1 : null)), []);
  const back = useCallback(() => setStep((s) => (s === null ? s : Math.max(0, s - 1))), []);

  // Spotlight: scroll the target into view, then follow it on scroll and resize.
  useLayoutEffect(() => {
    if (step === null) return;
    const target = findTarget(TOUR_STEPS[step]);
    if (!target) { setRect(null); return; }
    target.scrollIntoView({ block: 'center', inline: 'nearest', behavior: 'instant' as ScrollBehavior });
    const measure = () => {
      const r = target.getBoundingClientRect();
      setRect({ top: r.top - PAD, left: r.left - PAD, width: r.width + 2 * PAD, height: r.height + 2 * PAD });
    };
    measure();
    window.addEventListener('scroll', measure, true);
    window.addEventListener('resize', measure);
    return () => {
      window.removeEventListener('scroll', measure, true);
      window.removeEventListener('resize', measure);
    };
  }, [step]);

  useEffect(() => {
    if (!open) return;
    card.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') { e.preventDefault(); close(); }
      else if (e.key === 'ArrowRight') { e.preventDefault(); next(); }
      else if (e.key === 'ArrowLeft') { e.preventDefault(); back(); }
      else if (e.key === 'Tab' && card.current) {
        // Keep keyboard focus inside the dialog while it is open.
        const items = [...card.current.querySelectorAll<HTMLElement>('button:not(:disabled)')];
        if (items.length === 0) return;
        const i = items.indexOf(document.activeElement as HTMLElement);
        const j = e.shiftKey ? (i <= 0 ? items.length - 1 : i - 1) : (i === -1 || i === items.length - 1 ? 0 : i + 1);
        e.preventDefault();
        items[j].focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, close, next, back]);

  // The last step's Next closes the tour: give focus back to the opener then too.
  useEffect(() => {
    if (!open && document.activeElement === document.body) opener.current?.focus();
  }, [open]);

  let cardStyle: CSSProperties = { left: '50%', top: '50%', transform: 'translate(-50%, -50%)', width: CARD_W };
  if (open && rect) {
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const below = rect.top + rect.height + 12;
    const left = Math.min(Math.max(12, rect.left), Math.max(12, vw - CARD_W - 12));
    // Below the target when there is room, else above it, else inside the viewport's bottom edge.
    if (below + 220 < vh) cardStyle = { left, top: below, width: CARD_W };
    else if (rect.top - 232 > 0) cardStyle = { left, top: rect.top - 12, transform: 'translateY(-100%)', width: CARD_W };
    else cardStyle = { left, bottom: 12, width: CARD_W };
  }

  return (
    <>
      <button type="button" ref={opener} className="tour-open" data-testid="tour-open" onClick={() => setStep(0)}
        aria-haspopup="dialog">Take the tour</button>
      {open && (
        <div className="tour-overlay" data-testid="tour" onClick={(e) => { if (e.target === e.currentTarget) close(); }}>
          {rect ? (
            <div className="tour-spotlight" style={{ top: rect.top, left: rect.left, width: rect.width, height: rect.height }} />
          ) : (
            <div className="tour-dim" />
          )}
          <div className="tour-card" role="dialog" aria-modal="true" aria-labelledby="tour-title" aria-describedby="tour-text"
            tabIndex={-1} ref={card} style={cardStyle} data-step={step + 1}>
            <div className="tour-count" data-testid="tour-step">{step + 1} / {TOUR_STEPS.length}</div>
            <h3 id="tour-title">{TOUR_STEPS[step].title}</h3>
            <p id="tour-text">{TOUR_STEPS[step].text}</p>
            <div className="tour-dots" aria-hidden="true">
              {TOUR_STEPS.map((_, i) => <span key={i} className={i === step ? 'is-on' : ''} />)}
            </div>
            <div className="tour-buttons">
              <button type="button" data-testid="tour-close" onClick={close}>Close</button>
              <span className="tour-spacer" />
              <button type="button" data-testid="tour-back" onClick={back} disabled={step === 0}>Back</button>
              <button type="button" className="primary" data-testid="tour-next" onClick={next}>
                {step + 1 === TOUR_STEPS.length ? 'Done' : 'Next'}
              </button>
            </div>
            <div className="tour-keys">← → to move, Esc to close</div>
          </div>
        </div>
      )}
    </>
  );
}
