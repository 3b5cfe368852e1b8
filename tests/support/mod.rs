//! Shared by the native and the browser tests: reading PyTorch's reference cases.
#![allow(dead_code)]

pub mod compare;
#[cfg(not(target_arch = "wasm32"))]
pub mod folder;
pub mod golden;
pub mod net_state;
pub mod numbers;
#[cfg(not(target_arch = "wasm32"))]
pub mod svg;
