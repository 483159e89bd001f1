// The loop's controls: data, preset, λ, γ, mode, generations, steps, seed, Start/Pause/Step/Reset, progress.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function ControlsPanel() {
  return <section className="placeholder-panel" aria-label="Loop controls">Loop controls (being built)</section>;
}
