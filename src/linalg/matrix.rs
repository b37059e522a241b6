//! A dense column-major matrix: coordinate descent reads and updates whole feature columns, so each column
//! is one contiguous slice. It lives beside the kernels that read it, below `data` (which builds matrices
//! from files and generators), so that no module imports back up.

/// A dense `nrows x ncols` matrix of `f64`, stored column by column.
#[derive(Clone, Debug, PartialEq)]
pub struct Matrix {
    nrows: usize,
    ncols: usize,
    data: Vec<f64>,
}

impl Matrix {
    /// Wraps column-major `data`; panics if its length is not `nrows * ncols` (a programming error).
    pub fn from_col_major(nrows: usize, ncols: usize, data: Vec<f64>) -> Self {
        assert_eq!(data.len(), nrows * ncols, "matrix data has the wrong length");
        Self { nrows, ncols, data }
    }

    /// Builds a matrix from its columns, which must all have the same length.
    pub fn from_columns(nrows: usize, columns: &[Vec<f64>]) -> Self {
        let mut data = Vec::with_capacity(nrows * columns.len());
        for column in columns {
            assert_eq!(column.len(), nrows, "columns differ in length");
            data.extend_from_slice(column);
        }
        Self::from_col_major(nrows, columns.len(), data)
    }

    /// An all-zero matrix.
    pub fn zeros(nrows: usize, ncols: usize) -> Self {
        Self::from_col_major(nrows, ncols, vec![0.0; nrows * ncols])
    }

    pub fn nrows(&self) -> usize {
        self.nrows
    }

    pub fn ncols(&self) -> usize {
        self.ncols
    }

    /// Column `j` as a contiguous slice.
    pub fn col(&self, j: usize) -> &[f64] {
        &self.data[j * self.nrows..(j + 1) * self.nrows]
    }

    pub fn col_mut(&mut self, j: usize) -> &mut [f64] {
        &mut self.data[j * self.nrows..(j + 1) * self.nrows]
    }

    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.data[j * self.nrows + i]
    }

    /// The whole buffer, column-major.
    pub fn as_slice(&self) -> &[f64] {
        &self.data
    }

    /// The whole buffer, column-major, mutable.
    pub fn as_mut_slice(&mut self) -> &mut [f64] {
        &mut self.data
    }

    /// The rows `rows` (in that order) as a new matrix: how folds and splits are cut.
    pub fn select_rows(&self, rows: &[usize]) -> Matrix {
        let mut data = Vec::with_capacity(rows.len() * self.ncols);
        for j in 0..self.ncols {
            let column = self.col(j);
            data.extend(rows.iter().map(|&i| column[i]));
        }
        Matrix::from_col_major(rows.len(), self.ncols, data)
    }

    /// The columns `cols` (in that order) as a new matrix.
    pub fn select_cols(&self, cols: &[usize]) -> Matrix {
        let mut data = Vec::with_capacity(self.nrows * cols.len());
        for &j in cols {
            data.extend_from_slice(self.col(j));
        }
        Matrix::from_col_major(self.nrows, cols.len(), data)
    }

    /// `X w`.
    pub fn mul_vec(&self, w: &[f64]) -> Vec<f64> {
        assert_eq!(w.len(), self.ncols);
        let mut out = vec![0.0; self.nrows];
        for (j, &wj) in w.iter().enumerate() {
            if wj != 0.0 {
                super::axpy(wj, self.col(j), &mut out);
            }
        }
        out
    }

    /// `X^T v`.
    pub fn tr_mul_vec(&self, v: &[f64]) -> Vec<f64> {
        assert_eq!(v.len(), self.nrows);
        (0..self.ncols).map(|j| super::dot(self.col(j), v)).collect()
    }
}
