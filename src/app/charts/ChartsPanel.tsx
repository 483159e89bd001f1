// The stability charts: FID, Diversity, R-precision, Phys-Err and parameter drift against generation.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function ChartsPanel() {
  return <section className="placeholder-panel" aria-label="Stability charts">Stability charts (being built)</section>;
}
