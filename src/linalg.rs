//! The dense matrix and the few kernels the solvers spend their time in, written so the compiler
//! vectorizes them (independent accumulators), plus the Gram matrix: the full one by our own blocked
//! kernel on x86-64 with AVX2 and FMA ([`lower_gram`]), columns of it and other products through faer's
//! blocked matrix product. This is the bottom layer: it imports nothing from the rest of the crate
//! (`data` re-exports [`Matrix`] for the code that reads it from there).

#[cfg(target_arch = "x86_64")]
mod lower_gram;
mod matrix;

pub use matrix::Matrix;

/// `x . y`. Uses AVX2 and FMA when the processor has them (checked at run time, so one binary runs
/// everywhere), with sixteen independent partial sums so the loop is limited by loads, not by the
/// latency of one accumulator.
#[inline]
pub fn dot(x: &[f64], y: &[f64]) -> f64 {
    assert_eq!(x.len(), y.len());
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the features the function is compiled for were just detected.
        return unsafe { dot_avx2_fma(x, y) };
    }
    dot_body::<false>(x, y)
}

/// `y += a * x`, with AVX2 and FMA when available.
#[inline]
pub fn axpy(a: f64, x: &[f64], y: &mut [f64]) {
    assert_eq!(x.len(), y.len());
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the features the function is compiled for were just detected.
        return unsafe { axpy_avx2_fma(a, x, y) };
    }
    axpy_body::<false>(a, x, y)
}

/// `y += sum_c a_c x_c` over the columns `terms = [(a_c, x_c)]`, four at a time: a pass of axpys over
/// Gram columns is limited by loading and storing `y` (two loads and a store per multiply-add), and
/// four columns per pass cut that to five loads and a store per four multiply-adds.
pub fn add_columns(terms: &[(f64, &[f64])], y: &mut [f64]) {
    let mut quads = terms.chunks_exact(4);
    for quad in &mut quads {
        let a = [quad[0].0, quad[1].0, quad[2].0, quad[3].0];
        let x = [quad[0].1, quad[1].1, quad[2].1, quad[3].1];
        axpy4(a, x, y);
    }
    for &(a, x) in quads.remainder() {
        axpy(a, x, y);
    }
}

/// `y += sum_c a_c x_c` and `z += sum_c b_c x_c` over the same `columns`, four at a time in one pass
/// over `y` and `z`, so each column is loaded once for both.
pub fn add_columns_to_both(columns: &[&[f64]], a: &[f64], b: &[f64], y: &mut [f64], z: &mut [f64]) {
    assert!(a.len() == columns.len() && b.len() == columns.len());
    let mut quads = columns.chunks_exact(4);
    let mut c = 0;
    for quad in &mut quads {
        let x = [quad[0], quad[1], quad[2], quad[3]];
        let coefs = |v: &[f64]| [v[c], v[c + 1], v[c + 2], v[c + 3]];
        axpy4_both(coefs(a), coefs(b), x, y, z);
        c += 4;
    }
    for (k, x) in quads.remainder().iter().enumerate() {
        axpy(a[c + k], x, y);
        axpy(b[c + k], x, z);
    }
}

/// [`axpy4`] into `y` with `a` and into `z` with `b`, in one pass.
#[inline]
fn axpy4_both(a: [f64; 4], b: [f64; 4], x: [&[f64]; 4], y: &mut [f64], z: &mut [f64]) {
    assert!(x.iter().all(|x| x.len() == y.len()) && z.len() == y.len());
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the features the function is compiled for were just detected.
        return unsafe { axpy4_both_avx2_fma(a, b, x, y, z) };
    }
    axpy4_both_body::<false>(a, b, x, y, z)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn axpy4_both_avx2_fma(a: [f64; 4], b: [f64; 4], x: [&[f64]; 4], y: &mut [f64], z: &mut [f64]) {
    axpy4_both_body::<true>(a, b, x, y, z)
}

#[inline(always)]
fn axpy4_both_body<const FUSED: bool>(a: [f64; 4], b: [f64; 4], x: [&[f64]; 4], y: &mut [f64], z: &mut [f64]) {
    let n = y.len();
    let (x0, x1, x2, x3, z) = (&x[0][..n], &x[1][..n], &x[2][..n], &x[3][..n], &mut z[..n]);
    for i in 0..n {
        let (v0, v1, v2, v3) = (x0[i], x1[i], x2[i], x3[i]);
        let t = mul_add::<FUSED>(a[1], v1, a[0] * v0);
        y[i] += mul_add::<FUSED>(a[3], v3, mul_add::<FUSED>(a[2], v2, t));
        let t = mul_add::<FUSED>(b[1], v1, b[0] * v0);
        z[i] += mul_add::<FUSED>(b[3], v3, mul_add::<FUSED>(b[2], v2, t));
    }
}

/// `y += a[0] x[0] + a[1] x[1] + a[2] x[2] + a[3] x[3]` in one pass over `y`.
#[inline]
fn axpy4(a: [f64; 4], x: [&[f64]; 4], y: &mut [f64]) {
    assert!(x.iter().all(|x| x.len() == y.len()));
    #[cfg(target_arch = "x86_64")]
    if std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma") {
        // SAFETY: the features the function is compiled for were just detected.
        return unsafe { axpy4_avx2_fma(a, x, y) };
    }
    axpy4_body::<false>(a, x, y)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn axpy4_avx2_fma(a: [f64; 4], x: [&[f64]; 4], y: &mut [f64]) {
    axpy4_body::<true>(a, x, y)
}

#[inline(always)]
fn axpy4_body<const FUSED: bool>(a: [f64; 4], x: [&[f64]; 4], y: &mut [f64]) {
    let n = y.len();
    let (x0, x1, x2, x3) = (&x[0][..n], &x[1][..n], &x[2][..n], &x[3][..n]);
    for i in 0..n {
        let t = mul_add::<FUSED>(a[1], x1[i], a[0] * x0[i]);
        let t = mul_add::<FUSED>(a[3], x3[i], mul_add::<FUSED>(a[2], x2[i], t));
        y[i] += t;
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn dot_avx2_fma(x: &[f64], y: &[f64]) -> f64 {
    dot_body::<true>(x, y)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn axpy_avx2_fma(a: f64, x: &[f64], y: &mut [f64]) {
    axpy_body::<true>(a, x, y)
}

/// `a * b + c`, fused when `FUSED` (only where the processor has FMA: a software fma is slow).
#[inline(always)]
fn mul_add<const FUSED: bool>(a: f64, b: f64, c: f64) -> f64 {
    if FUSED {
        a.mul_add(b, c)
    } else {
        a * b + c
    }
}

#[inline(always)]
fn dot_body<const FUSED: bool>(x: &[f64], y: &[f64]) -> f64 {
    const LANES: usize = 16;
    let mut acc = [0.0f64; LANES];
    let (xc, yc) = (x.chunks_exact(LANES), y.chunks_exact(LANES));
    let (xr, yr) = (xc.remainder(), yc.remainder());
    for (xs, ys) in xc.zip(yc) {
        for k in 0..LANES {
            acc[k] = mul_add::<FUSED>(xs[k], ys[k], acc[k]);
        }
    }
    let mut tail = 0.0;
    for (a, b) in xr.iter().zip(yr) {
        tail = mul_add::<FUSED>(*a, *b, tail);
    }
    let mut width = LANES;
    while width > 1 {
        width /= 2;
        for k in 0..width {
            acc[k] += acc[k + width];
        }
    }
    acc[0] + tail
}

#[inline(always)]
fn axpy_body<const FUSED: bool>(a: f64, x: &[f64], y: &mut [f64]) {
    for (yi, &xi) in y.iter_mut().zip(x) {
        *yi = mul_add::<FUSED>(a, xi, *yi);
    }
}

/// Solves `A x = b` for a symmetric positive definite `k x k` matrix given by its lower triangle in
/// row-major `a` (overwritten by its Cholesky factor); `None` when a pivot is not positive (the matrix
/// is singular in floating point). For the small systems of exact solves on a support.
pub fn cholesky_solve(a: &mut [f64], k: usize, mut b: Vec<f64>) -> Option<Vec<f64>> {
    for r in 0..k {
        for c in 0..=r {
            let s = dot(&a[r * k..r * k + c], &a[c * k..c * k + c]);
            if r == c {
                let pivot = a[r * k + r] - s;
                // Also refuses a NaN pivot.
                let positive = pivot > 0.0;
                if !positive {
                    return None;
                }
                a[r * k + r] = pivot.sqrt();
            } else {
                a[r * k + c] = (a[r * k + c] - s) / a[c * k + c];
            }
        }
    }
    for r in 0..k {
        let s = dot(&a[r * k..r * k + r], &b[..r]);
        b[r] = (b[r] - s) / a[r * k + r];
    }
    for r in (0..k).rev() {
        let s: f64 = (r + 1..k).map(|c| a[c * k + r] * b[c]).sum();
        b[r] = (b[r] - s) / a[r * k + r];
    }
    Some(b)
}

/// `||x||^2`.
#[inline]
pub fn norm2(x: &[f64]) -> f64 {
    dot(x, x)
}

/// `scale * X^T X[:, cols]` as one column-major `ncols(X) x cols.len()` block: the Gram columns of the
/// features in `cols`, computed by one blocked product (the solvers' only cubic-cost step).
pub fn gram_columns(x: &Matrix, cols: &[usize], scale: f64) -> Vec<f64> {
    let (n, p) = (x.nrows(), x.ncols());
    let mut out = vec![0.0; p * cols.len()];
    if cols.is_empty() || n == 0 {
        return out;
    }
    if is_small_product((n * p * cols.len()) as f64) {
        for (c, &j) in cols.iter().enumerate() {
            for i in 0..p {
                out[c * p + i] = dot(x.col(i), x.col(j)) * scale;
            }
        }
        return out;
    }
    let selected: Vec<f64>;
    // Contiguous runs need no copy; otherwise gather the requested columns once.
    let contiguous = cols.windows(2).all(|w| w[1] == w[0] + 1);
    let rhs_data: &[f64] = if contiguous {
        &x.as_slice()[cols[0] * n..(cols[0] + cols.len()) * n]
    } else {
        selected = x.select_cols(cols).as_slice().to_vec();
        &selected
    };
    let lhs = faer::MatRef::from_column_major_slice(x.as_slice(), n, p);
    let rhs = faer::MatRef::from_column_major_slice(rhs_data, n, cols.len());
    let dst = faer::MatMut::from_column_major_slice_mut(&mut out, p, cols.len());
    faer::linalg::matmul::matmul(
        dst,
        faer::Accum::Replace,
        lhs.transpose(),
        rhs,
        scale,
        parallelism((n * p * cols.len()) as f64),
    );
    out
}

/// Whether a product of `flops` multiply-adds is done with plain dot products rather than faer: faer's
/// matrix kernels read the processor's cache sizes from the operating system on first use (about 1.4 ms
/// measured, most of a 200 x 50 path), far more than a small product costs.
fn is_small_product(flops: f64) -> bool {
    flops < 4e6
}

/// Parallelism for a product of `flops` multiply-adds: every core for large products (where the
/// cubic step dominates a solve), one thread for small ones (where starting threads costs more).
fn parallelism(flops: f64) -> faer::Par {
    if flops > 5e7 {
        faer::Par::rayon(0)
    } else {
        faer::Par::Seq
    }
}

/// `scale * X^T X`, full and symmetric (only the lower half is multiplied; the upper is mirrored).
pub fn gram_full(x: &Matrix, scale: f64) -> Vec<f64> {
    let (n, p) = (x.nrows(), x.ncols());
    let mut out = vec![0.0; p * p];
    if p == 0 || n == 0 {
        return out;
    }
    let flops = n as f64 * p as f64 * p as f64 / 2.0;
    if is_small_product(flops) {
        for j in 0..p {
            for i in j..p {
                out[j * p + i] = dot(x.col(i), x.col(j));
            }
        }
    } else {
        add_lower_gram(x, flops, &mut out);
    }
    for j in 0..p {
        for i in j..p {
            let v = out[j * p + i] * scale;
            out[j * p + i] = v;
            out[i * p + j] = v;
        }
    }
    out
}

/// Adds the lower triangle of `X^T X` into `out`: on one thread by [`lower_gram`]'s kernel where the
/// processor runs it (x86-64 with AVX2 and FMA, where it takes 3 to 12% less time than faer's),
/// otherwise by faer's triangular product (on several cores faer's was the faster).
fn add_lower_gram(x: &Matrix, flops: f64, out: &mut [f64]) {
    let (n, p) = (x.nrows(), x.ncols());
    #[cfg(target_arch = "x86_64")]
    {
        let one_thread = matches!(parallelism(flops), faer::Par::Seq)
            || std::thread::available_parallelism().map_or(1, |c| c.get()) == 1;
        if one_thread && lower_gram::available() {
            lower_gram::add_lower_gram(x.as_slice(), n, p, out);
            return;
        }
    }
    let lhs = faer::MatRef::from_column_major_slice(x.as_slice(), n, p);
    let dst = faer::MatMut::from_column_major_slice_mut(out, p, p);
    use faer::linalg::matmul::triangular::{matmul, BlockStructure};
    matmul(
        dst,
        BlockStructure::TriangularLower,
        faer::Accum::Add,
        lhs.transpose(),
        BlockStructure::Rectangular,
        lhs,
        BlockStructure::Rectangular,
        1.0,
        parallelism(flops),
    );
}

/// `X X^T` scaled, full and symmetric: the Gram matrix of the rows, for problems with more features than
/// rows.
pub fn row_gram(x: &Matrix, scale: f64) -> Vec<f64> {
    let (n, p) = (x.nrows(), x.ncols());
    let mut out = vec![0.0; n * n];
    if p == 0 || n == 0 {
        return out;
    }
    let lhs = faer::MatRef::from_column_major_slice(x.as_slice(), n, p);
    let dst = faer::MatMut::from_column_major_slice_mut(&mut out, n, n);
    faer::linalg::matmul::matmul(
        dst,
        faer::Accum::Replace,
        lhs,
        lhs.transpose(),
        scale,
        parallelism((n * n * p) as f64),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` columns of length `n` with small integer values, different in each column.
    fn test_columns(n: usize, count: usize) -> Vec<Vec<f64>> {
        (0..count)
            .map(|c| (0..n).map(|i| ((i * 31 + c * 17) % 23) as f64 - 11.0).collect())
            .collect()
    }

    /// Columns added four at a time (and the remainder one by one) give the plain sums, for any count
    /// of columns and a length that is not a multiple of the vector width.
    #[test]
    fn adding_columns_matches_one_axpy_per_column() {
        let n = 37;
        let columns = test_columns(n, 7);
        for count in 0..=7 {
            let terms: Vec<(f64, &[f64])> = columns[..count]
                .iter()
                .enumerate()
                .map(|(c, x)| (0.5 - c as f64, x.as_slice()))
                .collect();
            let mut y: Vec<f64> = (0..n).map(|i| i as f64).collect();
            add_columns(&terms, &mut y);
            for (i, got) in y.iter().enumerate() {
                let want = i as f64 + terms.iter().map(|(a, x)| a * x[i]).sum::<f64>();
                assert!((got - want).abs() < 1e-12, "{count} columns, row {i}: {got} vs {want}");
            }
        }
    }

    /// Adding to two vectors in one pass gives what adding to each alone does.
    #[test]
    fn adding_columns_to_both_matches_adding_to_each() {
        let n = 29;
        let columns = test_columns(n, 6);
        for count in 0..=6 {
            let xs: Vec<&[f64]> = columns[..count].iter().map(Vec::as_slice).collect();
            let a: Vec<f64> = (0..count).map(|c| 0.25 * c as f64 - 1.0).collect();
            let b: Vec<f64> = (0..count).map(|c| 2.0 - c as f64).collect();
            let (mut y, mut z) = (vec![1.0; n], vec![-2.0; n]);
            add_columns_to_both(&xs, &a, &b, &mut y, &mut z);
            let (mut y1, mut z1) = (vec![1.0; n], vec![-2.0; n]);
            add_columns(&xs.iter().zip(&a).map(|(x, &c)| (c, *x)).collect::<Vec<_>>(), &mut y1);
            add_columns(&xs.iter().zip(&b).map(|(x, &c)| (c, *x)).collect::<Vec<_>>(), &mut z1);
            assert_eq!((y, z), (y1, z1), "{count} columns");
        }
    }

    /// Every way of forming Gram products (plain dots for small products; for large ones the lower-Gram
    /// kernel, or faer where the processor lacks AVX2 and FMA, and faer for Gram columns) gives the
    /// plain sums.
    #[test]
    fn gram_products_match_plain_sums_on_either_side_of_the_small_product_cutoff() {
        // 1000 x 320 (5.1e7 multiply-adds): faer's parallel product where more than one core is free.
        for (n, p) in [(30, 7), (400, 150), (1000, 320)] {
            let data: Vec<f64> = (0..n * p).map(|i| ((i * 7919) % 1000) as f64 / 500.0 - 1.0).collect();
            let x = Matrix::from_col_major(n, p, data);
            let plain = |i: usize, j: usize| (0..n).map(|r| x.col(i)[r] * x.col(j)[r]).sum::<f64>() * 0.5;
            let full = gram_full(&x, 0.5);
            // 80 columns of 400 x 150 take faer's branch in `gram_columns` too (4.8e6 multiply-adds).
            let cols: Vec<usize> = (0..p.min(80)).map(|c| (c * 7) % p).collect();
            let some = gram_columns(&x, &cols, 0.5);
            for i in 0..p {
                for j in 0..p {
                    assert!((full[j * p + i] - plain(i, j)).abs() < 1e-10, "{n}x{p} full ({i}, {j})");
                }
                for (c, &j) in cols.iter().enumerate() {
                    assert!(
                        (some[c * p + i] - plain(i, j)).abs() < 1e-10,
                        "{n}x{p} columns ({i}, {j})"
                    );
                }
            }
        }
    }

    #[test]
    fn dot_matches_a_plain_sum_for_every_tail_length() {
        for len in 0..20 {
            let x: Vec<f64> = (0..len).map(|i| i as f64 + 0.5).collect();
            let y: Vec<f64> = (0..len).map(|i| 2.0 - i as f64).collect();
            let plain: f64 = x.iter().zip(&y).map(|(a, b)| a * b).sum();
            assert!((dot(&x, &y) - plain).abs() < 1e-9, "len {len}");
        }
    }

    #[test]
    fn cholesky_solves_a_positive_definite_system_and_refuses_a_singular_one() {
        // [[4, 2], [2, 3]] x = [2, 1]: x = [0.5, 0].
        let x = cholesky_solve(&mut [4.0, 0.0, 2.0, 3.0], 2, vec![2.0, 1.0]).unwrap();
        assert!((x[0] - 0.5).abs() < 1e-15 && x[1].abs() < 1e-15);
        assert_eq!(cholesky_solve(&mut [1.0, 0.0, 1.0, 1.0], 2, vec![1.0, 1.0]), None);
    }

    #[test]
    fn gram_columns_and_full_gram_agree_with_dot_products() {
        let x = Matrix::from_col_major(3, 3, vec![1.0, 2.0, 3.0, 0.0, 1.0, -1.0, 2.0, 0.5, 4.0]);
        let full = gram_full(&x, 0.5);
        let some = gram_columns(&x, &[2, 0], 0.5);
        for i in 0..3 {
            for j in 0..3 {
                let expected = 0.5 * dot(x.col(i), x.col(j));
                assert!((full[j * 3 + i] - expected).abs() < 1e-12);
            }
            assert!((some[i] - 0.5 * dot(x.col(i), x.col(2))).abs() < 1e-12);
            assert!((some[3 + i] - 0.5 * dot(x.col(i), x.col(0))).abs() < 1e-12);
        }
    }
}
