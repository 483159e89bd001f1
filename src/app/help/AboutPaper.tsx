// The paper the lab follows in one paragraph, collapsible (closed by default so the lab stays on the first
// screen), with a link to arXiv 2402.07087.

import './AboutPaper.css';

export function AboutPaper() {
  return (
    <details className="about-paper" data-testid="about-paper">
      <summary>About the paper: <i>Self-Correcting Self-Consuming Loops for Generative Model Training</i> (Gillman et al., ICML 2024)</summary>
      <p>
        Generative models are increasingly trained on data that earlier models made. Retrained on its own samples
        generation after generation, a model drifts and can collapse: errors compound, diversity shrinks, and
        samples stop looking real. The paper shows that a <b>correction function</b> that maps each synthetic
        sample towards the true data distribution before it is reused makes the loop stable. With correction of
        strength γ (each sample replaced by its corrected version with probability γ/(1+γ)), the distance of the
        model from the ideal one is bounded and shrinks exponentially faster as γ grows, as long as the share of
        synthetic data λ stays below (1+γ)/(2+γ) of a stability constant. The authors check this on a 2-D Gaussian
        toy and on text-to-motion diffusion, where the correction is a physics simulator that makes a humanoid
        perform each generated motion. This lab reproduces both in the browser: a small motion diffusion model,
        retrained on its own samples with and without a Rapier physics corrector (above), and the Gaussian toy with
        its bound (below).{' '}
        <a href="https://arxiv.org/abs/2402.07087" target="_blank" rel="noreferrer">arXiv:2402.07087</a>
      </p>
    </details>
  );
}
