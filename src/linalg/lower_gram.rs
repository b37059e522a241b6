//! The lower triangle of `X^T X` by a blocked product written for AVX2 and FMA: the Gram matrix is the
//! one cubic step of a lasso path with more rows than features, 70 to 80% of the whole solve on a
//! 10000 x 1000 path on one core. faer's triangular product ran it at 37 to 40 GFLOP/s on this
//! project's machine (whose core peaks at 50.7); this one, interleaved with it in the same runs, took 3
//! to 12% less time.
//!
//! The scheme is Goto's, as in BLIS and OpenBLAS. The rows of `X` are taken [`KC`] at a time (a slab);
//! the slab's columns are copied ("packed") into slivers laid out in the order the micro-kernel reads
//! them, six columns wide for the result's columns and eight for its rows; the micro-kernel adds an
//! 8 x 6 tile of `X^T X` from a pair of slivers, in twelve vector registers. Only tiles that touch the
//! lower triangle are computed.
//!
//! One thread only: on both cores faer's parallel product was faster (0.139 s against 0.156 s on
//! 10000 x 1000), so the caller gives it the large products when more than one core is free.

use std::arch::x86_64::{
    _mm256_add_pd, _mm256_broadcast_sd, _mm256_fmadd_pd, _mm256_loadu_pd, _mm256_setzero_pd, _mm256_storeu_pd,
    _mm_prefetch, _MM_HINT_T0,
};
use std::ops::Range;

/// Rows of the result per micro-tile: two vectors of four doubles.
const MR: usize = 8;
/// Columns of the result per micro-tile: six broadcasts, so the 12 accumulators, two loaded vectors and
/// one broadcast fit in the 16 vector registers (a 12 x 4 tile needs one more and spilled).
const NR: usize = 6;
/// Rows of `X` per slab: an eight-wide sliver of it (16 KB) and a six-wide one (12 KB) fit together in
/// the 32 KB first-level cache.
const KC: usize = 256;
/// Rows of the result per packed block (a multiple of [`MR`]): 120 x 256 doubles (240 KB) stay in the
/// 512 KB second-level cache while every column sliver passes over them.
const MC: usize = 120;

/// Whether this processor runs the kernel (checked at run time, so one binary runs everywhere).
pub(super) fn available() -> bool {
    std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("fma")
}

/// Adds the lower triangle (`i >= j`) of `X^T X` into `out` (column-major `p x p`, normally zeroed) for
/// the column-major `n x p` matrix `x`. Tiles that straddle the diagonal also add entries just above
/// it; nothing else above it is written, so the caller mirrors the lower triangle.
///
/// # Panics
/// When the processor lacks AVX2 or FMA (see [`available`]) or the sizes disagree.
pub(super) fn add_lower_gram(x: &[f64], n: usize, p: usize, out: &mut [f64]) {
    assert!(available(), "the lower-Gram kernel needs AVX2 and FMA");
    assert!(x.len() == n * p && out.len() == p * p);
    let mut column_slivers = vec![0.0; p.div_ceil(NR) * NR * KC];
    let mut row_slivers = vec![0.0; MC * KC];
    for k0 in (0..n).step_by(KC) {
        let slab = k0..(k0 + KC).min(n);
        pack::<NR>(x, n, 0..p, slab.clone(), &mut column_slivers);
        for i0 in (0..p).step_by(MC) {
            let rows = i0..(i0 + MC).min(p);
            pack::<MR>(x, n, rows.clone(), slab.clone(), &mut row_slivers);
            let packed = Packed {
                depth: slab.len(),
                rows,
                row_slivers: &row_slivers,
                column_slivers: &column_slivers,
            };
            packed.add_tiles(p, out);
        }
    }
}

/// One slab's packed rows of a block of the result and all its columns.
struct Packed<'a> {
    /// Rows of `X` in the slab.
    depth: usize,
    rows: Range<usize>,
    row_slivers: &'a [f64],
    column_slivers: &'a [f64],
}

impl Packed<'_> {
    /// Adds every tile of `rows` x all `p` columns that touches the lower triangle into `out` (the
    /// `p x p` result).
    fn add_tiles(&self, p: usize, out: &mut [f64]) {
        let depth = self.depth;
        for (s, j0) in (0..p).step_by(NR).enumerate() {
            if j0 >= self.rows.end {
                break;
            }
            let b = &self.column_slivers[s * NR * depth..(s + 1) * NR * depth];
            for (r, i0) in self.rows.clone().step_by(MR).enumerate() {
                if i0 + MR <= j0 {
                    continue; // wholly above the diagonal
                }
                let a = &self.row_slivers[r * MR * depth..(r + 1) * MR * depth];
                let corner = j0 * p + i0;
                if i0 + MR <= p && j0 + NR <= p {
                    add_tile(a, b, depth, &mut out[corner..], p);
                } else {
                    // A tile past the last row or column: computed whole, its valid part added.
                    let mut tile = [0.0; MR * NR];
                    add_tile(a, b, depth, &mut tile, MR);
                    let (height, width) = (MR.min(p - i0), NR.min(p - j0));
                    for t in 0..width {
                        let column = &mut out[corner + t * p..corner + t * p + height];
                        column.iter_mut().zip(&tile[t * MR..]).for_each(|(o, v)| *o += v);
                    }
                }
            }
        }
    }
}

/// Copies rows `slab` of the columns `columns` of `x` into slivers `W` columns wide: sliver `s` holds,
/// for each row `k` of the slab in turn, the `W` values of columns `start + s W ..`, zero past the end.
fn pack<const W: usize>(x: &[f64], n: usize, columns: Range<usize>, slab: Range<usize>, buffer: &mut [f64]) {
    let depth = slab.len();
    for (s, first) in columns.clone().step_by(W).enumerate() {
        let sliver = &mut buffer[s * W * depth..(s + 1) * W * depth];
        let live = W.min(columns.end - first);
        let source = |t: usize| &x[(first + t) * n + slab.start..(first + t) * n + slab.end];
        if live == W {
            let sources: [&[f64]; W] = std::array::from_fn(source);
            for (k, row) in sliver.chunks_exact_mut(W).enumerate() {
                for (value, column) in row.iter_mut().zip(&sources) {
                    *value = column[k];
                }
            }
        } else {
            sliver.fill(0.0);
            for t in 0..live {
                for (k, &v) in source(t).iter().enumerate() {
                    sliver[k * W + t] = v;
                }
            }
        }
    }
}

/// `out[i + t ld] += sum_k a[k MR + i] b[k NR + t]` for the 8 x 6 tile, over `depth` packed rows.
fn add_tile(a: &[f64], b: &[f64], depth: usize, out: &mut [f64], ld: usize) {
    assert!(a.len() >= depth * MR && b.len() >= depth * NR);
    assert!(ld >= MR && out.len() >= (NR - 1) * ld + MR);
    // SAFETY: `add_lower_gram` checked the features; the reads stay within `a` and `b` and the writes
    // within `out` (asserted above).
    unsafe { add_tile_avx2_fma(a.as_ptr(), b.as_ptr(), depth, out.as_mut_ptr(), ld) }
}

#[target_feature(enable = "avx2,fma")]
unsafe fn add_tile_avx2_fma(mut a: *const f64, mut b: *const f64, depth: usize, out: *mut f64, ld: usize) {
    // The tile's columns are loaded at the end; asking for them now hides their trip from memory.
    for t in 0..NR {
        _mm_prefetch::<_MM_HINT_T0>(out.add(t * ld) as *const i8);
        _mm_prefetch::<_MM_HINT_T0>(out.add(t * ld + MR - 1) as *const i8);
    }
    let mut acc = [[_mm256_setzero_pd(); 2]; NR];
    for _ in 0..depth {
        let (low, high) = (_mm256_loadu_pd(a), _mm256_loadu_pd(a.add(4)));
        for (t, column) in acc.iter_mut().enumerate() {
            let scalar = _mm256_broadcast_sd(&*b.add(t));
            column[0] = _mm256_fmadd_pd(low, scalar, column[0]);
            column[1] = _mm256_fmadd_pd(high, scalar, column[1]);
        }
        a = a.add(MR);
        b = b.add(NR);
    }
    for (t, column) in acc.iter().enumerate() {
        let o = out.add(t * ld);
        _mm256_storeu_pd(o, _mm256_add_pd(_mm256_loadu_pd(o), column[0]));
        _mm256_storeu_pd(o.add(4), _mm256_add_pd(_mm256_loadu_pd(o.add(4)), column[1]));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Several slabs (the last one short), several row blocks, tiles cut by the last row and column:
    /// every lower entry is the plain dot product.
    #[test]
    fn lower_entries_are_the_dot_products() {
        if !available() {
            return;
        }
        for (n, p) in [(600, 131), (257, 1), (5, 13), (300, 126)] {
            let x: Vec<f64> = (0..n * p)
                .map(|i| ((i * 7919 + 13) % 1009) as f64 / 504.5 - 1.0)
                .collect();
            let mut out = vec![0.0; p * p];
            add_lower_gram(&x, n, p, &mut out);
            for j in 0..p {
                for i in j..p {
                    let plain: f64 = (0..n).map(|k| x[i * n + k] * x[j * n + k]).sum();
                    let got = out[j * p + i];
                    assert!(
                        (got - plain).abs() <= 1e-12 * n as f64,
                        "{n}x{p} ({i}, {j}): {got} vs {plain}"
                    );
                }
            }
        }
    }
}
