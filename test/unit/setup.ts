// Vitest setup: property tests (fast-check) draw from one fixed seed, so every run checks the same cases — the
// project rule that every random choice is seeded applies to tests too. Change the seed to explore new cases.
import fc from 'fast-check';

fc.configureGlobal({ seed: 20261122 });
