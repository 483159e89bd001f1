// Work for a part of the page far below the fold waits until the reader scrolls near it: `whenNearViewport` runs a
// job once its element comes within one viewport height of the visible area. The theory lab (2.6 screens down) uses
// it, so its sweep and its two charts are not built while the first screen loads, nor while a resumed run trains.

/** Distance below the visible area at which an element counts as near (CSS margin of the viewport). */
export const NEAR_MARGIN = '0px 0px 100% 0px';

/**
 * Runs `fn` once, when `el` first comes within one viewport height below the visible area (at once where the
 * browser has no IntersectionObserver). Returns a cancel.
 */
export function whenNearViewport(el: Element, fn: () => void): () => void {
  if (typeof IntersectionObserver === 'undefined') {
    fn();
    return () => {};
  }
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((e) => e.isIntersecting)) return;
    observer.disconnect();
    fn();
  }, { rootMargin: NEAR_MARGIN });
  observer.observe(el);
  return () => observer.disconnect();
}
