// Small dense linear algebra in Float64Array for the evaluation metrics: symmetric eigen-decomposition by the
// cyclic Jacobi method, the square root of a symmetric positive semi-definite matrix, products and traces.
// Matrices are square, row-major, n×n. Nothing here allocates inside its inner loops.

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  values: Float64Array;
  /** Eigenvectors as columns of a row-major n×n matrix: vectors[r*n + k] is component r of eigenvector k. */
  vectors: Float64Array;
  /** Jacobi sweeps used. */
  sweeps: number;
}

function checkSquare(a: ArrayLike<number>, n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: size must be a positive integer, got ${n}`);
  if (a.length !== n * n) throw new Error(`${what}: expected ${n}×${n} = ${n * n} entries, got ${a.length}`);
}

/**
 * Eigen-decomposition of a symmetric matrix (only its upper triangle is read) by cyclic Jacobi rotations.
 * Accurate to a few ulps of the matrix norm; O(n³) per sweep, typically 6–10 sweeps. Throws on NaN/Infinity.
 */
export function symmetricEigen(a: ArrayLike<number>, n: number, maxSweeps = 60): SymmetricEigen {
  checkSquare(a, n, 'symmetricEigen');
  const A = new Float64Array(n * n);
  let normSq = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const v = a[i * n + j];
      if (!Number.isFinite(v)) throw new Error(`symmetricEigen: entry (${i}, ${j}) is ${v}`);
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
  return { values, vectors, sweeps };
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
 */
export function singularValues(a: ArrayLike<number>, n: number, maxSweeps = 60): Float64Array {
  checkSquare(a, n, 'singularValues');
  const B = Float64Array.from(a); // rows of B are the columns of Aᵀ: same singular values
  for (let i = 0; i < B.length; i++) if (!Number.isFinite(B[i])) throw new Error(`singularValues: entry ${i} is ${B[i]}`);
  const eps = 1e-15;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
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
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let k = 0; k < n; k++) s += B[i * n + k] * B[i * n + k];
    out[i] = Math.sqrt(s);
  }
  return out;
}
