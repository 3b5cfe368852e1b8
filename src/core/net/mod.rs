//! Any small network, trained the way PyTorch trains it:
//!
//! ```text
//! model = nn.Sequential(nn.Linear(64, 100), nn.BatchNorm1d(100), nn.Sigmoid(), …, nn.Linear(100, 10))
//! loss  = F.cross_entropy(model(x), y)               mean over the batch
//! opt   = torch.optim.SGD(model.parameters(), lr, momentum)
//! step:   model.train(); opt.zero_grad(); loss.backward(); opt.step()
//! ```
//!
//! - [`spec`]: what a network is made of ([`NetSpec`], [`LayerSpec`]), checked before it is built;
//! - [`layer`]: Linear, ReLU/Sigmoid/Tanh, BatchNorm1d (the playground's own layer), LayerNorm and
//!   GroupNorm (row by row, tested equal to [`crate::core::norms`]), each with forward and backward;
//! - [`kernels`]: the matrix products and exp that make a step fast;
//! - [`loss`]: cross-entropy, argmax and accuracy; [`sgd`]: SGD with momentum;
//! - [`sequential`]: the network ([`Net`]): train step, eval, `state_dict`, pre-activations;
//! - [`probe`]: the loss and gradient along the gradient (Santurkar et al. 2018, Fig. 4).

pub mod kernels;
pub mod layer;
pub mod loss;
pub mod probe;
pub mod sequential;
pub mod sgd;
pub mod spec;

pub use layer::Layer;
pub use probe::Probe;
pub use sequential::{Net, NetState, StateValue};
pub use sgd::Sgd;
pub use spec::{Activation, LayerSpec, NetSpec, Norm};
