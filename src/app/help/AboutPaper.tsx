// A one-paragraph summary of the paper the lab follows.
// TEMPORARY PLACEHOLDER (lead's layout contract): replaced by the real component in this session.

export function AboutPaper() {
  return <section className="placeholder-panel" aria-label="About the paper">About the paper (being built)</section>;
}
