// The action label of an imported clip when the user gives only a caption: the caption's first verb, reduced to
// its base form ("a person is waving both arms" → "wave"), matched against the embedded dataset's labels where one
// fits. A heuristic for English captions; the import panel shows the result and a label field overrides it.

import { ACTIONS } from '../../core/motion/dataset/index';

/** Words skipped before the verb: articles, subjects, auxiliaries and a few adverbs. */
const SKIP = new Set([
  'a', 'an', 'the', 'this', 'that', 'one', 'person', 'man', 'woman', 'human', 'someone', 'somebody', 'figure',
  'character', 'actor', 'he', 'she', 'they', 'it', 'i', 'we', 'you', 'guy', 'girl', 'boy', 'people', 'child',
  'kid', 'dancer', 'player', 'is', 'are', 'was', 'were', 'be', 'being', 'been', 'does', 'do', 'did', 'will',
  'slowly', 'quickly', 'then', 'now', 'and', 'just', 'repeatedly', 'casually', 'happily', 'carefully',
]);

const VOWEL = /[aeiou]/;

/** Candidate base forms of a (possibly inflected) English verb, most likely first. */
function baseForms(w: string): string[] {
  const out: string[] = [];
  const add = (x: string) => {
    if (x.length >= 2 && !out.includes(x)) out.push(x);
  };
  if (w.endsWith('ing') && w.length > 5) {
    const stem = w.slice(0, -3);
    const last = stem[stem.length - 1];
    const doubled = stem.length > 2 && last === stem[stem.length - 2] && !VOWEL.test(last) && !'lsz'.includes(last);
    if (doubled) add(stem.slice(0, -1)); // running → run, sitting → sit
    // consonant–vowel–consonant (not w/x/y) or a soft c/g/v/z ending usually lost an "e": waving → wave, dancing → dance
    const cvc = stem.length >= 3 && !VOWEL.test(stem[stem.length - 3]) && VOWEL.test(stem[stem.length - 2]) && !VOWEL.test(last) && !'wxy'.includes(last);
    if (!doubled && (cvc || 'cgvz'.includes(last))) add(`${stem}e`);
    add(stem);
    if (!doubled && !cvc) add(`${stem}e`);
  } else if (/(?:ch|sh|ss|x|z|o)es$/.test(w)) {
    add(w.slice(0, -2)); // punches → punch
  } else if (w.endsWith('ies') && w.length > 4) {
    add(`${w.slice(0, -3)}y`); // carries → carry
  } else if (w.endsWith('s') && !w.endsWith('ss') && w.length > 3) {
    add(w.slice(0, -1)); // walks → walk, waves → wave
  }
  add(w);
  return out;
}

/**
 * The label for `caption`: the first word after articles, subjects and auxiliaries, in base form; a form that is a
 * known label (the embedded dataset's, by default) wins. Returns '' when the caption has no such word.
 */
export function labelFromCaption(caption: string, known: readonly string[] = ACTIONS): string {
  const words = caption.toLowerCase().match(/[a-z]+(?:[-'][a-z]+)*/g) ?? [];
  const verb = words.find((w) => !SKIP.has(w));
  if (!verb) return '';
  const forms = baseForms(verb);
  const knownSet = new Set(known.map((k) => k.toLowerCase()));
  return forms.find((f) => knownSet.has(f)) ?? forms[0];
}

/** Normalises a label typed by the user: lower case, words joined by "_" (as the dataset's "side_step"). */
export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
}
