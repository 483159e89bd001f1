// Caption vocabulary of the embedded dataset: small, lowercase, no punctuation. Captions are generated from the
// motion parameters (speed, side, count, direction, style) so they carry more than the action label.

import type { Rng } from '../../random';

const SUBJECTS = ['a person', 'someone', 'the person'] as const;

export function subject(rng: Rng): string {
  return rng.pick(SUBJECTS);
}

/** 1 → once, 2 → twice, n → "three times" … (up to eight). */
export function times(n: number): string {
  const words = ['zero', 'once', 'twice', 'three times', 'four times', 'five times', 'six times', 'seven times', 'eight times'];
  return words[Math.max(0, Math.min(8, Math.round(n)))];
}

/** 1 → one, 2 → two … (up to eight). */
export function countWord(n: number): string {
  const words = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight'];
  return words[Math.max(0, Math.min(8, Math.round(n)))];
}

export function sideWord(side: 0 | 1): 'left' | 'right' {
  return side === 0 ? 'left' : 'right';
}

/** Join caption parts with single spaces, dropping empty ones; the result is lowercase words and spaces only. */
export function caption(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.length > 0).join(' ').replace(/\s+/g, ' ').trim();
}

/** Shape of every caption: lowercase words separated by single spaces (the dataset tests also bound the vocabulary). */
export const CAPTION_PATTERN = /^[a-z]+( [a-z]+)*$/;
