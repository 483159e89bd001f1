// The loop's parameters (src/core/loop/params.ts): t = γ/(1+γ) with its ends γ = 0 and γ = ∞, and ⌊λ·n⌋ with its
// rounding rule for products a float error below an integer; both validate their input, naming the parameter.

import { describe, expect, it } from 'vitest';
import { correctionPercent, correctionProbability, syntheticCount } from '../../src/core/loop/params';

describe('correctionProbability(γ) = γ/(1+γ)', () => {
  it('γ = 0 never corrects, γ = ∞ always does, γ = 1 half the time', () => {
    expect(correctionProbability(0)).toBe(0);
    expect(correctionProbability(Infinity)).toBe(1);
    expect(correctionProbability(1)).toBe(0.5);
    expect(correctionProbability(3)).toBe(0.75);
  });

  it('is increasing and below 1 for every finite γ, even a huge one', () => {
    const gs = [1e-9, 0.01, 0.1, 1, 10, 1e6, 1e300];
    const ts = gs.map(correctionProbability);
    for (let i = 1; i < ts.length; i++) expect(ts[i]).toBeGreaterThanOrEqual(ts[i - 1]);
    expect(correctionProbability(1e6)).toBeLessThan(1);
    expect(correctionProbability(1e300)).toBeLessThanOrEqual(1);
  });

  it('rejects γ < 0 and NaN with a message naming γ', () => {
    expect(() => correctionProbability(-1)).toThrow(/gamma must be ≥ 0/);
    expect(() => correctionProbability(-Infinity)).toThrow(/gamma must be ≥ 0/);
    expect(() => correctionProbability(NaN)).toThrow(/gamma must be ≥ 0.*NaN/);
  });

  it('labels t as a percentage: whole at the ends, one decimal between', () => {
    expect(correctionPercent(0)).toBe('0');
    expect(correctionPercent(Infinity)).toBe('100');
    expect(correctionPercent(1)).toBe('50.0');
    expect(correctionPercent(0.1)).toBe('9.1');
  });
});

describe('syntheticCount(λ, n) = ⌊λ·n⌋', () => {
  it('floors exact products', () => {
    expect(syntheticCount(0.25, 64)).toBe(16);
    expect(syntheticCount(0.5, 50)).toBe(25);
    expect(syntheticCount(0.5, 7)).toBe(3);
    expect(syntheticCount(1.5, 7)).toBe(10);
    expect(syntheticCount(0.3, 3)).toBe(0); // 0.8999999999999999: far from 1, floored
    expect(syntheticCount(0, 64)).toBe(0);
    expect(syntheticCount(2, 0)).toBe(0);
  });

  it('a product a float error below an integer counts as that integer', () => {
    // the products as doubles really are below the integer: the guard is what makes them count
    expect(0.29 * 100).toBeLessThan(29);
    expect(syntheticCount(0.29, 100)).toBe(29);
    expect(0.57 * 100).toBeLessThan(57);
    expect(syntheticCount(0.57, 100)).toBe(57);
    // λ·n = 63.99999999 (a relative 1.6e-10 below 64) is 64; 63.99 and 63.9999 stay 63
    expect(syntheticCount(63.99999999 / 640, 640)).toBe(64);
    expect(syntheticCount(0.1 * (1 - 1e-12), 640)).toBe(64);
    expect(syntheticCount(63.99 / 640, 640)).toBe(63);
    expect(syntheticCount(63.9999 / 640, 640)).toBe(63);
  });

  it('a product just above an integer is that integer', () => {
    expect(0.55 * 100).toBeGreaterThan(55);
    expect(syntheticCount(0.55, 100)).toBe(55);
    expect(syntheticCount(64.00000001 / 640, 640)).toBe(64);
  });

  it('rejects bad λ and n, naming the parameter', () => {
    expect(() => syntheticCount(-0.5, 10)).toThrow(/lambda must be a finite number ≥ 0/);
    expect(() => syntheticCount(NaN, 10)).toThrow(/lambda/);
    expect(() => syntheticCount(Infinity, 10)).toThrow(/lambda/);
    expect(() => syntheticCount(0.5, 2.5)).toThrow(/n must be a whole number/);
    expect(() => syntheticCount(0.5, -1)).toThrow(/n must be a whole number/);
  });
});
