// The saved runs list: reopen, delete, export and import runs.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function RunsPanel() {
  return <section className="placeholder-panel" aria-label="Saved runs">Saved runs (being built)</section>;
}
