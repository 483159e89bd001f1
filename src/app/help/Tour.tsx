// The five-step guided tour.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function Tour() {
  return <section className="placeholder-panel" aria-label="Guided tour">Guided tour (being built)</section>;
}
