// Small dense linear algebra in Float64Array for the evaluation metrics: symmetric eigen-decompositions
// (Householder + QL, and Jacobi), PSD square roots and pivoted Cholesky factors, one-sided Jacobi singular values.
// Matrices are square, row-major, n×n. Nothing here allocates inside its inner loops.

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns of a row-major n×n matrix: vectors[r*n + k] is component r of eigenvector k. */
  vectors: Float64Array;
  /** Jacobi sweeps or QL iterations used. */
  iterations: number;
}

function checkSquare(a: ArrayLike<number>, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: size must be a positive integer, got ${n}`);
  if (a.length !== n * n) throw new Error(`${what}: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
}

/**
 * Eigen-decomposition of a symmetric matrix (only its upper triangle is read) by cyclic Jacobi rotations.
 * Accurate to a few ulps of the matrix norm; O(n³) per sweep, typically 6–10 sweeps, so ~10× slower than
 * symmetricEigen for large n. Kept as an independent cross-check. Throws on NaN/Infinity.
 */
export function jacobiEigen(a: ArrayLike<number>, n: number, maxSweeps = 60): SymmetricEigen {
  checkSquare(a, n, 'jacobiEigen');
  const A = new Float64Array(n * n);
  let normSq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`jacobiEigen: entry (${i}, ${j}) is ${v}`);
      A[i * n + j] = v;
      A[j * n + i] = v;
      normSq += i === j ? v * v : 2 * v * v;
    }
  }
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) V[i * n + i] = 1;
  let sweeps = 0;
  // Stop when the off-diagonal mass is negligible against the whole matrix (relative 1e-32 in squares).
  const tol = normSq * 1e-32;
  for (; sweeps < maxSweeps; sweeps++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += A[p * n + q] * A[p * n + q];
    if (off <= tol || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = A[p * n + q];
        if (apq === 0) continue;
        const app = A[p * n + p];
        const aqq = A[q * n + q];
        // After a few sweeps, drop elements too small to change the diagonal (Numerical Recipes' rule).
        if (sweeps > 3 && Math.abs(app) + 100 * Math.abs(apq) === Math.abs(app) && Math.abs(aqq) + 100 * Math.abs(apq) === Math.abs(aqq)) {
          A[p * n + q] = 0;
          A[q * n + p] = 0;
          continue;
        }
        const theta = (aqq - app) / (2 * apq);
        const t = Math.abs(theta) > 1e150 ? 1 / (2 * theta) : Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        A[p * n + p] = app - t * apq;
        A[q * n + q] = aqq + t * apq;
        A[p * n + q] = 0;
        A[q * n + p] = 0;
        for (let r = 0; r < n; r++) {
          if (r !== p && r !== q) {
            const arp = A[r * n + p];
            const arq = A[r * n + q];
            const np = c * arp - s * arq;
            const nq = s * arp + c * arq;
            A[r * n + p] = np;
            A[p * n + r] = np;
            A[r * n + q] = nq;
            A[q * n + r] = nq;
          }
          const vrp = V[r * n + p];
          const vrq = V[r * n + q];
          V[r * n + p] = c * vrp - s * vrq;
          V[r * n + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  // Sort ascending by eigenvalue.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => A[i * n + i] - A[j * n + j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = A[src * n + src];
    for (let r = 0; r < n; r++) vectors[r * n + k] = V[r * n + src];
  }
  return { values, vectors, iterations: sweeps };
}

/**
 * Eigen-decomposition of a symmetric matrix (only its upper triangle is read): Householder reduction to
 * tridiagonal form, then the implicit QL algorithm with Wilkinson-style shifts (the EISPACK tred2/tql2
 * pair). Backward stable: eigenvalues to within ≈ ε·‖A‖. About 9n³ flops. Throws on NaN/Infinity.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number): SymmetricEigen {
  checkSquare(a, n, 'symmetricEigen');
  // V holds the matrix transposed (V[j*n + i] = A(i, j)); symmetric input, so that is A itself. We keep V with
  // eigenvectors as ROWS during the computation (contiguous inner loops) and transpose at the end.
  const V = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`symmetricEigen: entry (${i}, ${j}) is ${v}`);
      V[i * n + j] = v;
      V[j * n + i] = v;
    }
  }
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  // In the classical code V(r, c) is column-major-like; here W(r, c) := V[c*n + r] so that loops over r are
  // contiguous. Symmetric start, so the initial content is the same.
  const W = (r: number, c: number): number => V[c * n + r];
  // --- tred2: Householder tridiagonalisation, accumulating the transformations.
  for (let j = 0; j < n; j++) d[j] = W(n - 1, j);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]);
    if (scale === 0) {
      e[i] = d[i - 1];
      for (let j = 0; j < i; j++) {
        d[j] = W(i - 1, j);
        V[j * n + i] = 0; // W(i, j)
        V[i * n + j] = 0; // W(j, i)
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k] /= scale;
        h += d[k] * d[k];
      }
      let f = d[i - 1];
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j];
        V[i * n + j] = f; // W(j, i)
        const cj = j * n; // column j of W is contiguous: W(k, j) = V[cj + k]
        g = e[j] + V[cj + j] * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[cj + k] * d[k];
          e[k] += V[cj + k] * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j] /= h;
        f += e[j] * d[j];
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j] -= hh * d[j];
      for (let j = 0; j < i; j++) {
        f = d[j];
        g = e[j];
        const cj = j * n;
        for (let k = j; k <= i - 1; k++) V[cj + k] -= f * e[k] + g * d[k];
        d[j] = V[cj + i - 1]; // W(i-1, j)
        V[cj + i] = 0; // W(i, j)
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[i * n + n - 1] = V[i * n + i]; // W(n-1, i) = W(i, i)
    V[i * n + i] = 1;
    const h = d[i + 1];
    const ci1 = (i + 1) * n; // column i+1 of W
    if (h !== 0) {
      for (let k = 0; k <= i; k++) d[k] = V[ci1 + k] / h;
      for (let j = 0; j <= i; j++) {
        const cj = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[ci1 + k] * V[cj + k];
        for (let k = 0; k <= i; k++) V[cj + k] -= g * d[k];
      }
    }
    for (let k = 0; k <= i; k++) V[ci1 + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + n - 1];
    V[j * n + n - 1] = 0;
  }
  V[(n - 1) * n + n - 1] = 1;
  e[0] = 0;
  // --- tql2: implicit QL on the tridiagonal (d, e), rotating the columns of W (rows of V, contiguous).
  for (let i = 1; i < n; i++) e[i - 1] = e[i];
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = 2 ** -52;
  let iterations = 0;
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]) + Math.abs(e[l]));
    let m = l;
    while (m < n - 1 && Math.abs(e[m]) > eps * tst1) m++;
    if (m > l) {
      let iter = 0;
      do {
        if (++iter > 60) throw new Error(`symmetricEigen: QL iteration did not converge for eigenvalue ${l}`);
        iterations++;
        let g = d[l];
        let p = (d[l + 1] - g) / (2 * e[l]);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l] / (p + r);
        d[l + 1] = e[l] * (p + r);
        const dl1 = d[l + 1];
        let h = g - d[l];
        for (let i = l + 2; i < n; i++) d[i] -= h;
        f += h;
        p = d[m];
        let c = 1, c2 = 1, c3 = 1;
        const el1 = e[l + 1];
        let s = 0, s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i];
          h = c * p;
          r = Math.hypot(p, e[i]);
          e[i + 1] = s * r;
          s = e[i] / r;
          c = p / r;
          p = c * d[i] - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]);
          const ci = i * n;
          const ci1 = (i + 1) * n;
          for (let k = 0; k < n; k++) {
            const hk = V[ci1 + k];
            V[ci1 + k] = s * V[ci + k] + c * hk;
            V[ci + k] = c * V[ci + k] - s * hk;
          }
        }
        p = (-s * s2 * c3 * el1 * e[l]) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]) > eps * tst1);
    }
    d[l] += f;
    e[l] = 0;
  }
  // Sort ascending; eigenvector k is row k of V (column k of W) → column k of the result.
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => d[i] - d[j]);
  const values = new Float64Array(n);
  const vectors = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const src = order[k];
    values[k] = d[src];
    for (let r = 0; r < n; r++) vectors[r * n + k] = V[src * n + r];
  }
  return { values, vectors, iterations };
}

/** V·diag(f(λ))·Vᵀ for a decomposition from symmetricEigen. */
export function eigenFunction(e: SymmetricEigen, f: (lambda: number) => number): Float64Array {
  const n = e.values.length;
  const fl = new Float64Array(n);
  for (let k = 0; k < n; k++) fl[k] = f(e.values[k]);
  const out = new Float64Array(n * n);
  const V = e.vectors;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += V[i * n + k] * fl[k] * V[j * n + k];
      out[i * n + j] = s;
      out[j * n + i] = s;
    }
  }
  return out;
}

/** Square root of a symmetric positive semi-definite matrix; tiny negative eigenvalues (round-off) are clamped to 0. */
export function sqrtPsd(a: ArrayLike<number>, n: number): Float64Array {
  return eigenFunction(symmetricEigen(a, n), (l) => Math.sqrt(Math.max(0, l)));
}

/** C = A·B for n×n row-major matrices. */
export function matMul(a: ArrayLike<number>, b: ArrayLike<number>, n: number, out = new Float64Array(n * n)): Float64Array {
  checkSquare(a, n, 'matMul');
  checkSquare(b, n, 'matMul');
  out.fill(0);
  for (let i = 0; i < n; i++) {
    for (let k = 0; k < n; k++) {
      const aik = a[i * n + k];
      if (aik === 0) continue;
      for (let j = 0; j < n; j++) out[i * n + j] += aik * b[k * n + j];
    }
  }
  return out;
}

/** Replace a by (a + aᵀ)/2 in place. */
export function symmetrize(a: Float64Array, n: number): Float64Array {
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = 0.5 * (a[i * n + j] + a[j * n + i]);
      a[i * n + j] = v;
      a[j * n + i] = v;
    }
  }
  return a;
}

export function trace(a: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += a[i * n + i];
  return s;
}

/**
 * Singular values of a square matrix by one-sided (Hestenes) Jacobi: rotate pairs of rows until they are
 * orthogonal; the row norms are then the singular values (unsorted). Small singular values come out with
 * absolute error ≈ ε·‖A‖, much better than √(eig(AᵀA)), which loses half the digits.
 * With `precondition` (default) the rows are first replaced by Uᵀ·A, U the eigenvectors of A·Aᵀ: an orthogonal
 * change that leaves the singular values alone but makes the rows nearly orthogonal, so the Jacobi sweeps
 * (O(n³) each) drop from ~8 to ~2.
 */
export function singularValues(a: ArrayLike<number>, n: number, precondition = true, stats?: { sweeps: number }): Float64Array {
  checkSquare(a, n, 'singularValues');
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) throw new Error(`singularValues: entry ${i} is ${a[i]}`);
  let B: Float64Array;
  if (precondition) {
    const u = symmetricEigen(gram(transpose(a, n), n), n).vectors; // eigenvectors of A·Aᵀ as columns
    B = matMul(transpose(u, n), a, n);
  } else {
    B = Float64Array.from(a);
  }
  // Rows count as orthogonal when |cos angle| ≤ n·ε (LAPACK's one-sided Jacobi uses a tolerance of this order);
  // what remains changes the row norms only to second order.
  const eps = Math.max(1e-15, n * 2.220446049250313e-16);
  let sweep = 0;
  for (; sweep < 60; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const op = p * n;
      for (let q = p + 1; q < n; q++) {
        const oq = q * n;
        let alpha = 0, beta = 0, gamma = 0;
        for (let k = 0; k < n; k++) {
          const x = B[op + k];
          const y = B[oq + k];
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= eps * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.abs(zeta) > 1e150 ? 1 / (2 * zeta) : Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < n; k++) {
          const x = B[op + k];
          const y = B[oq + k];
          B[op + k] = c * x - s * y;
          B[oq + k] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  if (stats) stats.sweeps = sweep + 1;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += B[i * n + k] * B[i * n + k];
    out[i] = Math.sqrt(s);
  }
  return out;
}

/** Aᵀ for an n×n row-major A. */
export function transpose(a: ArrayLike<number>, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) out[j * n + i] = a[i * n + j];
  return out;
}

/** C = Aᵀ·A for an n×n row-major A (symmetric by construction). */
export function gram(a: ArrayLike<number>, n: number): Float64Array {
  checkSquare(a, n, 'gram');
  const out = new Float64Array(n * n);
  for (let k = 0; k < n; k++) {
    const ok = k * n;
    for (let i = 0; i < n; i++) {
      const aki = a[ok + i];
      if (aki === 0) continue;
      for (let j = i; j < n; j++) out[i * n + j] += aki * a[ok + j];
    }
  }
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) out[j * n + i] = out[i * n + j];
  return out;
}

/** Nuclear norm Σσᵢ(A) = Tr((AᵀA)^½), from singularValues (accurate for small σ too). */
export function nuclearNorm(a: ArrayLike<number>, n: number): number {
  const sv = singularValues(a, n);
  let s = 0;
  for (let k = 0; k < n; k++) s += sv[k];
  return s;
}

/**
 * A factor F (n×n, row-major) with F·Fᵀ = A for a symmetric positive semi-definite A, by Cholesky with
 * diagonal pivoting (outer-product form, n³/3 multiply-adds): each step takes the largest remaining diagonal,
 * and stops when it falls below n·ε·max diag (the numerical rank); later columns of F are 0. Rows keep the
 * original order, so no permutation is needed. Backward stable: ‖F·Fᵀ − A‖ ≈ n·ε·‖A‖.
 */
export function psdFactor(a: ArrayLike<number>, n: number): { factor: Float64Array; rank: number } {
  checkSquare(a, n, 'psdFactor');
  const W = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`psdFactor: entry (${i}, ${j}) is ${v}`);
      W[i * n + j] = v;
      W[j * n + i] = v;
    }
  }
  const F = new Float64Array(n * n);
  const done = new Uint8Array(n);
  const rest = new Int32Array(n); // remaining (unpivoted) indices
  const f = new Float64Array(n);
  let maxDiag = 0;
  for (let i = 0; i < n; i++) maxDiag = Math.max(maxDiag, W[i * n + i]);
  const tol = n * 2.220446049250313e-16 * maxDiag;
  let rank = 0;
  for (let k = 0; k < n; k++) {
    let p = -1;
    let best = tol;
    for (let i = 0; i < n; i++) if (!done[i] && W[i * n + i] > best) { best = W[i * n + i]; p = i; }
    if (p < 0) break;
    done[p] = 1;
    const root = Math.sqrt(best);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (done[i]) continue;
      rest[m++] = i;
      f[i] = W[i * n + p] / root;
    }
    F[p * n + k] = root;
    for (let r = 0; r < m; r++) {
      const i = rest[r];
      const fi = f[i];
      F[i * n + k] = fi;
      if (fi === 0) continue;
      const oi = i * n;
      for (let c = 0; c < m; c++) {
        const j = rest[c];
        W[oi + j] -= fi * f[j];
      }
    }
    rank++;
  }
  return { factor: F, rank };
}
