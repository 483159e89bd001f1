// The source's layers depend one way: app → worker → core, and cli → core. Read from every import in src/
// (static, type-only, re-exports, dynamic import() and worker URLs): src/core imports nothing outside src/core,
// src/worker only src/core, src/cli only src/core, and nothing in src/ imports tests or benchmarks. Every Web
// Worker entry (*.worker.ts) lives in src/worker/ and serves the typed RPC (rpc.ts).

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SRC = path.join(ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(p);
    return /\.(ts|tsx)$/.test(d.name) ? [p] : [];
  });
}

/** Every module specifier a file names: import/export … from '…', import '…', import('…'), and new URL('….ts',
 *  import.meta.url) (a worker's code; URLs of data files are not imports). */
function specifiers(text: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'"`;]*?\sfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g,
    /\bnew URL\(\s*['"]([^'"]+\.(?:ts|tsx|js))['"]\s*,\s*import\.meta\.url\s*\)/g, // code (workers), not data files
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

/** The layer of a path under the repository: app, worker, core, cli, or what lies outside src/. */
function layerOf(file: string): string {
  const rel = path.relative(ROOT, file).split(path.sep);
  return rel[0] === 'src' ? rel[1] : rel[0];
}

const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  worker: ['worker', 'core'],
  cli: ['cli', 'core'],
  app: ['app', 'worker', 'core'],
};

interface Edge {
  from: string;
  to: string;
  spec: string;
}

function edges(): Edge[] {
  const out: Edge[] = [];
  for (const file of sourceFiles(SRC)) {
    for (const spec of specifiers(readFileSync(file, 'utf8'))) {
      if (!spec.startsWith('.')) continue; // a package
      out.push({ from: file, to: path.resolve(path.dirname(file), spec), spec });
    }
  }
  return out;
}

describe('layers', () => {
  it('finds the imports it checks (the parser is not blind)', () => {
    expect(specifiers("import type { A } from '../x';\nexport { b } from './y';\nimport './z.css';\nconst w = new URL('./w.worker.ts', import.meta.url);\nawait import('../v');"))
      .toEqual(['../x', './y', './z.css', '../v', './w.worker.ts']);
    const all = edges();
    expect(all.length).toBeGreaterThan(300);
    expect(all.some((e) => layerOf(e.from) === 'app' && layerOf(e.to) === 'worker')).toBe(true);
    expect(all.some((e) => layerOf(e.from) === 'worker' && layerOf(e.to) === 'core')).toBe(true);
  });

  it('depend one way: app → worker → core, cli → core', () => {
    const bad = edges()
      .filter((e) => {
        const allowed = ALLOWED[layerOf(e.from)];
        return !allowed || !allowed.includes(layerOf(e.to));
      })
      .map((e) => `${path.relative(ROOT, e.from)} imports ${e.spec} (${layerOf(e.to)})`);
    expect(bad).toEqual([]);
  });

  it('every Web Worker entry lives in src/worker and serves the typed RPC', () => {
    const workers = sourceFiles(SRC).filter((f) => f.endsWith('.worker.ts'));
    expect(workers.length).toBeGreaterThanOrEqual(5);
    for (const w of workers) {
      expect(path.relative(SRC, path.dirname(w)), w).toBe('worker');
      const text = readFileSync(w, 'utf8');
      expect(text, w).toMatch(/import \{[^}]*\brpcServer\b[^}]*\} from '\.\/rpc'/);
      expect(text, w).not.toMatch(/\bonmessage\b|\bpostMessage\(/);
    }
    // and only the worker layer starts workers
    const starts = edges().filter((e) => e.spec.endsWith('.worker.ts'));
    expect(starts.length).toBeGreaterThanOrEqual(5);
    for (const e of starts) expect(layerOf(e.from), path.relative(ROOT, e.from)).toBe('worker');
  });
});
