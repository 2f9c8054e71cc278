// Small dense linear algebra for the cluster analysis (matrices of ~21×21): no installed library
// offers a symmetric eigen-decomposition we may depend on directly, and Jacobi is short and exact
// enough at this size.

/** Eigenvalues (descending) and eigenvectors (columns of `vectors`) of a symmetric matrix, by
 *  cyclic Jacobi rotations. */
export function symmetricEigen(matrix: readonly (readonly number[])[]): { values: number[]; vectors: number[][] } {
  const n = matrix.length;
  for (const row of matrix) if (row.length !== n) throw new Error("symmetricEigen: matrix must be square");
  const a = matrix.map((r) => [...r]);
  const v: number[][] = a.map((_, i) => a.map((__, j) => (i === j ? 1 : 0)));
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) off += a[i][j] * a[i][j];
    if (off < 1e-22) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        if (Math.abs(a[p][q]) < 1e-300) continue;
        const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k][p];
          const akq = a[k][q];
          a[k][p] = c * akp - s * akq;
          a[k][q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p][k];
          const aqk = a[q][k];
          a[p][k] = c * apk - s * aqk;
          a[q][k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k][p];
          const vkq = v[k][q];
          v[k][p] = c * vkp - s * vkq;
          v[k][q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = a.map((_, i) => i).sort((i, j) => a[j][j] - a[i][i]);
  return { values: order.map((i) => a[i][i]), vectors: v.map((row) => order.map((i) => row[i])) };
}

/** Covariance matrix of the columns of `x` (rows = observations), divisor n − 1. */
export function covarianceMatrix(x: readonly (readonly number[])[]): number[][] {
  const n = x.length;
  const p = n ? x[0].length : 0;
  const means = Array.from({ length: p }, (_, j) => x.reduce((a, r) => a + r[j], 0) / n);
  const cov = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (x[r][i] - means[i]) * (x[r][j] - means[j]);
      cov[i][j] = cov[j][i] = s / (n - 1);
    }
  }
  return cov;
}
