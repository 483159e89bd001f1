// The text vocabulary of the denoiser: words of the dataset captions, reduced to crude stems so "walk", "walks"
// and "walking" share one entry. Encoding a prompt returns the known stems and, separately, the words the
// vocabulary has never seen, so the caller can report them instead of silently dropping them.

export interface Vocab {
  /** Known stems; index i is embedding row i. */
  readonly words: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

export interface EncodedText {
  /** Embedding rows of the known words, in prompt order (repeats kept). */
  ids: number[];
  /** Prompt words (as typed, lower-cased) that are not in the vocabulary. */
  unknown: string[];
}

/** Words that carry no meaning for motion; never part of the vocabulary and never reported as unknown. */
const STOP_WORDS = new Set(['a', 'an', 'the', 'person', 'someone', 'human', 'man', 'woman', 'he', 'she', 'they', 'is', 'are', 'and', 'then', 'while', 'with', 'his', 'her', 'their', 'of', 'to', 'in', 'on', 'at', 'it', 'its', 'as', 'by', 'for']);

/** Lower-case words of a text: runs of letters (apostrophes dropped). */
export function tokenize(text: string): string[] {
  return (text.toLowerCase().replace(/'/g, '').match(/[a-z]+/g) ?? []).filter((w) => !STOP_WORDS.has(w));
}

/** Crude English stem: strips -ing/-ed/-es/-s/-e and a doubled final consonant ("running" → "run"). */
export function stem(word: string): string {
  let w = word.toLowerCase();
  const strip = (suffix: string): boolean => {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) {
      w = w.slice(0, -suffix.length);
      return true;
    }
    return false;
  };
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (!strip('ing') && !strip('ed') && !strip('es')) {
    if (!w.endsWith('ss')) strip('s');
  }
  if (w.length >= 4 && w[w.length - 1] === w[w.length - 2] && !'aeiouls'.includes(w[w.length - 1])) w = w.slice(0, -1);
  if (w.length >= 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

/** Vocabulary of every stem in the captions, sorted (so it does not depend on caption order). */
export function buildVocab(captions: readonly string[]): Vocab {
  const set = new Set<string>();
  for (const c of captions) for (const w of tokenize(c)) set.add(stem(w));
  return vocabFromWords([...set].sort());
}

export function vocabFromWords(words: readonly string[]): Vocab {
  const index = new Map<string, number>();
  words.forEach((w, i) => {
    if (index.has(w)) throw new Error(`vocabulary: word "${w}" appears twice`);
    index.set(w, i);
  });
  return { words: [...words], index };
}

export function encodeText(vocab: Vocab, text: string): EncodedText {
  const ids: number[] = [];
  const unknown: string[] = [];
  for (const w of tokenize(text)) {
    const i = vocab.index.get(stem(w));
    if (i === undefined) unknown.push(w);
    else ids.push(i);
  }
  return { ids, unknown };
}
