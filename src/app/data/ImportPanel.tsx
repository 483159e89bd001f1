// BVH import: files join the real set under a caption the user types.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function ImportPanel() {
  return <section className="placeholder-panel" aria-label="Import BVH">Import BVH (being built)</section>;
}
