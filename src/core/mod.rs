//! The pure core: math and data, no web or chart crate in sight. Compiles natively and to wasm.

pub mod batchnorm;
pub mod data;
pub mod digits;
pub mod error;
pub mod fold;
pub mod net;
pub mod norms;
pub mod stats;

pub use batchnorm::{
    Affine, BatchNorm1d, BatchNormConfig, BatchShape, BatchStats, Gradients, RunningStats, RunningUpdate, Trace,
};
pub use data::{BatchMaker, BatchOrder, DataSpec, Distribution, Generator};
pub use error::BnError;
