//! What a network is made of: a list of layers, as `nn.Sequential` takes them, checked before
//! anything is built.

use crate::core::error::BnError;
use crate::core::norms::DEFAULT_EPS;

/// The most hidden layers [`NetSpec::mlp`] builds.
pub const MAX_HIDDEN_LAYERS: usize = 6;
/// The most layers a network may have: the page builds at most 19 (a Linear, a norm and an
/// activation per hidden layer, and the last Linear); a reference case may be deeper.
pub const MAX_LAYERS: usize = 256;
/// The largest batch a step takes (keeps a bad setting from allocating gigabytes).
pub const MAX_BATCH: usize = 4096;
/// PyTorch's default momentum of BatchNorm1d's running statistics.
pub const DEFAULT_MOMENTUM: f64 = 0.1;

/// The elementwise nonlinearity after each hidden layer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Activation {
    /// max(0, x)
    Relu,
    /// 1 / (1 + e⁻ˣ)
    Sigmoid,
    /// (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)
    Tanh,
}

impl Activation {
    pub const ALL: [Activation; 3] = [Activation::Relu, Activation::Sigmoid, Activation::Tanh];

    /// The name in a `net-golden/1` layer list: "relu", "sigmoid", "tanh".
    pub fn name(self) -> &'static str {
        match self {
            Activation::Relu => "relu",
            Activation::Sigmoid => "sigmoid",
            Activation::Tanh => "tanh",
        }
    }

    /// PyTorch's class name: "ReLU", "Sigmoid", "Tanh".
    pub fn class_name(self) -> &'static str {
        match self {
            Activation::Relu => "ReLU",
            Activation::Sigmoid => "Sigmoid",
            Activation::Tanh => "Tanh",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Activation::ALL.into_iter().find(|a| a.name() == name)
    }
}

/// Which normalization follows each hidden Linear layer in [`NetSpec::mlp`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Norm {
    None,
    /// `nn.BatchNorm1d(width)`: per feature, over the batch.
    BatchNorm,
    /// `nn.LayerNorm(width)`: per sample, over its features.
    LayerNorm,
    /// `nn.GroupNorm(groups, width)`: per sample, over groups of width/groups features.
    GroupNorm {
        groups: usize,
    },
}

/// One layer of an `nn.Sequential`, with its constructor's arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum LayerSpec {
    /// `nn.Linear(inputs, outputs)`
    Linear { inputs: usize, outputs: usize },
    /// `nn.BatchNorm1d(features, eps, momentum)` (affine, with running statistics);
    /// momentum None = cumulative average.
    BatchNorm1d { features: usize, eps: f64, momentum: Option<f64> },
    /// `nn.LayerNorm(features, eps)` (elementwise affine)
    LayerNorm { features: usize, eps: f64 },
    /// `nn.GroupNorm(groups, features, eps)` (affine)
    GroupNorm { groups: usize, features: usize, eps: f64 },
    /// `nn.ReLU()`, `nn.Sigmoid()` or `nn.Tanh()`
    Activation(Activation),
}

impl LayerSpec {
    /// PyTorch's class name.
    pub fn class_name(&self) -> &'static str {
        match self {
            LayerSpec::Linear { .. } => "Linear",
            LayerSpec::BatchNorm1d { .. } => "BatchNorm1d",
            LayerSpec::LayerNorm { .. } => "LayerNorm",
            LayerSpec::GroupNorm { .. } => "GroupNorm",
            LayerSpec::Activation(a) => a.class_name(),
        }
    }

    /// The width this layer takes, when it fixes one (activations take any).
    pub fn input_width(&self) -> Option<usize> {
        match *self {
            LayerSpec::Linear { inputs, .. } => Some(inputs),
            LayerSpec::BatchNorm1d { features, .. }
            | LayerSpec::LayerNorm { features, .. }
            | LayerSpec::GroupNorm { features, .. } => Some(features),
            LayerSpec::Activation(_) => None,
        }
    }

    /// The width this layer gives, from the width it takes.
    pub fn output_width(&self, input: usize) -> usize {
        match *self {
            LayerSpec::Linear { outputs, .. } => outputs,
            _ => input,
        }
    }

    /// The layer on its own is one PyTorch would build.
    pub fn validate(&self) -> Result<(), BnError> {
        match *self {
            LayerSpec::Linear { inputs, outputs } => {
                check_width(inputs, "a Linear layer's in_features")?;
                check_width(outputs, "a Linear layer's out_features")
            }
            // Any eps and momentum build, as in PyTorch: BatchNorm1d refuses eps ≤ 0 when it
            // runs (a network's first training step), and runs NaN or ∞; the other norms run
            // every eps (see `core::norms`). The page builds its networks with PyTorch's defaults.
            LayerSpec::BatchNorm1d { features, .. } => check_width(features, "BatchNorm1d's num_features"),
            LayerSpec::LayerNorm { features, .. } => check_width(features, "LayerNorm's normalized_shape"),
            LayerSpec::GroupNorm { groups, features, .. } => {
                check_width(features, "GroupNorm's num_channels")?;
                if groups == 0 || !features.is_multiple_of(groups) {
                    return Err(BnError::GroupsDoNotDivide { groups, channels: features });
                }
                Ok(())
            }
            LayerSpec::Activation(_) => Ok(()),
        }
    }
}

/// The widest layer a network may have (keeps a bad setting from allocating gigabytes).
pub const MAX_WIDTH: usize = 4096;

/// A layer size must be a whole number from 1 to [`MAX_WIDTH`].
fn check_width(value: usize, what: &'static str) -> Result<(), BnError> {
    if (1..=MAX_WIDTH).contains(&value) {
        Ok(())
    } else {
        Err(BnError::NotWholeNumber { what, value: value as f64, min: 1, max: MAX_WIDTH })
    }
}

/// The words of a width mismatch: BnError's variants take fixed text (the translations match on them).
fn width_words(layer: &LayerSpec) -> &'static str {
    match layer {
        LayerSpec::Linear { .. } => "each sample's features entering a Linear layer (its in_features; the layer before it gives a different width)",
        LayerSpec::BatchNorm1d { .. } => "each sample's features entering BatchNorm1d (its num_features; the layer before it gives a different width)",
        LayerSpec::LayerNorm { .. } => "each sample's features entering LayerNorm (its normalized_shape; the layer before it gives a different width)",
        LayerSpec::GroupNorm { .. } => "each sample's features entering GroupNorm (its num_channels; the layer before it gives a different width)",
        LayerSpec::Activation(_) => "each sample's features entering an activation",
    }
}

/// A whole network: its layers in order, as `nn.Sequential(*layers)`.
#[derive(Debug, Clone, PartialEq)]
pub struct NetSpec {
    pub layers: Vec<LayerSpec>,
}

impl NetSpec {
    /// A checked list of layers.
    pub fn new(layers: Vec<LayerSpec>) -> Result<NetSpec, BnError> {
        let spec = NetSpec { layers };
        spec.validate()?;
        Ok(spec)
    }

    /// `inputs → hidden[0] → … → hidden[last] → classes`: each hidden layer is a Linear, then the
    /// norm (with PyTorch's default eps and momentum), then the activation; the last Linear gives
    /// the class scores. Ioffe & Szegedy's Fig. 1 network is
    /// `NetSpec::mlp(64, &[100, 100, 100], 10, Activation::Sigmoid, Norm::BatchNorm)`.
    pub fn mlp(
        inputs: usize,
        hidden: &[usize],
        classes: usize,
        activation: Activation,
        norm: Norm,
    ) -> Result<NetSpec, BnError> {
        if !(1..=MAX_HIDDEN_LAYERS).contains(&hidden.len()) {
            return Err(BnError::NotWholeNumber {
                what: "the number of hidden layers",
                value: hidden.len() as f64,
                min: 1,
                max: MAX_HIDDEN_LAYERS,
            });
        }
        let mut layers = Vec::with_capacity(3 * hidden.len() + 1);
        let mut width = inputs;
        for &h in hidden {
            layers.push(LayerSpec::Linear { inputs: width, outputs: h });
            match norm {
                Norm::None => {}
                Norm::BatchNorm => layers.push(LayerSpec::BatchNorm1d {
                    features: h,
                    eps: DEFAULT_EPS,
                    momentum: Some(DEFAULT_MOMENTUM),
                }),
                Norm::LayerNorm => layers.push(LayerSpec::LayerNorm { features: h, eps: DEFAULT_EPS }),
                Norm::GroupNorm { groups } => {
                    layers.push(LayerSpec::GroupNorm { groups, features: h, eps: DEFAULT_EPS })
                }
            }
            layers.push(LayerSpec::Activation(activation));
            width = h;
        }
        layers.push(LayerSpec::Linear { inputs: width, outputs: classes });
        NetSpec::new(layers)
    }

    /// The same network with every norm layer's eps, and every BatchNorm1d's momentum, set.
    pub fn with_norm_settings(mut self, eps: f64, momentum: Option<f64>) -> Result<NetSpec, BnError> {
        for layer in &mut self.layers {
            match layer {
                LayerSpec::BatchNorm1d { eps: e, momentum: m, .. } => (*e, *m) = (eps, momentum),
                LayerSpec::LayerNorm { eps: e, .. } | LayerSpec::GroupNorm { eps: e, .. } => *e = eps,
                _ => {}
            }
        }
        self.validate()?;
        Ok(self)
    }

    /// Every layer is valid, and each takes the width the one before it gives.
    pub fn validate(&self) -> Result<(), BnError> {
        if !(1..=MAX_LAYERS).contains(&self.layers.len()) {
            return Err(BnError::NotWholeNumber {
                what: "the number of layers",
                value: self.layers.len() as f64,
                min: 1,
                max: MAX_LAYERS,
            });
        }
        let mut width: Option<usize> = None;
        for layer in &self.layers {
            layer.validate()?;
            if let (Some(given), Some(taken)) = (width, layer.input_width()) {
                if given != taken {
                    return Err(BnError::WrongLength { what: width_words(layer), expected: taken, got: given });
                }
            }
            width = width.or(layer.input_width()).map(|w| layer.output_width(w));
        }
        if !self.layers.iter().any(|l| l.input_width().is_some()) {
            // Activations alone have no weights to learn (PyTorch's SGD refuses "an empty
            // parameter list"); a norm alone has γ and β, and trains as PyTorch trains it.
            return Err(BnError::OutOfBounds {
                what: "the number of layers with weights",
                value: 0.0,
                min: 1.0,
                max: MAX_LAYERS as f64,
            });
        }
        Ok(())
    }

    /// The width of the network's input (the first layer that fixes one).
    pub fn inputs(&self) -> usize {
        self.layers.iter().find_map(LayerSpec::input_width).unwrap_or(0)
    }

    /// The width of the network's output: the number of classes.
    pub fn outputs(&self) -> usize {
        self.widths().last().copied().unwrap_or(0)
    }

    /// The width each layer gives, in order.
    pub fn widths(&self) -> Vec<usize> {
        let mut width = self.inputs();
        self.layers
            .iter()
            .map(|l| {
                width = l.output_width(width);
                width
            })
            .collect()
    }

    /// The indices of the activation layers: their inputs are the pre-activations
    /// (Ioffe & Szegedy's Fig. 1 follows one unit of the last one).
    pub fn activation_layers(&self) -> Vec<usize> {
        self.layers.iter().enumerate().filter(|(_, l)| matches!(l, LayerSpec::Activation(_))).map(|(i, _)| i).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fig1_network_has_pytorchs_layer_indices() {
        let spec = NetSpec::mlp(64, &[100, 100, 100], 10, Activation::Sigmoid, Norm::BatchNorm).unwrap();
        assert_eq!(spec.layers.len(), 10);
        assert_eq!(spec.layers[1], LayerSpec::BatchNorm1d { features: 100, eps: 1e-5, momentum: Some(0.1) });
        assert_eq!(spec.layers[9], LayerSpec::Linear { inputs: 100, outputs: 10 });
        assert_eq!((spec.inputs(), spec.outputs()), (64, 10));
        assert_eq!(spec.activation_layers(), vec![2, 5, 8]);
        let plain = NetSpec::mlp(64, &[100, 100, 100], 10, Activation::Sigmoid, Norm::None).unwrap();
        assert_eq!(plain.activation_layers(), vec![1, 3, 5]);
    }

    #[test]
    fn refusals_say_what_is_wrong() {
        let gn = NetSpec::mlp(64, &[100], 10, Activation::Relu, Norm::GroupNorm { groups: 8 });
        assert_eq!(gn, Err(BnError::GroupsDoNotDivide { groups: 8, channels: 100 }));
        assert!(NetSpec::mlp(64, &[], 10, Activation::Relu, Norm::None).is_err());
        assert!(NetSpec::mlp(64, &[8; 7], 10, Activation::Relu, Norm::None).is_err());
        assert!(NetSpec::mlp(64, &[0], 10, Activation::Relu, Norm::None).is_err());
        let bad = NetSpec::new(vec![
            LayerSpec::Linear { inputs: 4, outputs: 5 },
            LayerSpec::LayerNorm { features: 6, eps: 1e-5 },
        ]);
        let error = bad.unwrap_err();
        assert!(
            matches!(error, BnError::WrongLength { what, expected: 6, got: 5 } if what.contains("LayerNorm")),
            "{error:?}"
        );
        assert!(matches!(
            NetSpec::new(vec![LayerSpec::Activation(Activation::Tanh)]),
            Err(BnError::OutOfBounds { what: "the number of layers with weights", .. })
        ));
        // A norm alone is a network PyTorch trains: its γ and β learn.
        assert!(NetSpec::new(vec![LayerSpec::BatchNorm1d { features: 64, eps: 1e-5, momentum: Some(0.1) }]).is_ok());
        assert!(NetSpec::new(vec![]).is_err());
        let spec = NetSpec::mlp(8, &[4], 3, Activation::Tanh, Norm::BatchNorm).unwrap();
        // Any eps and momentum build, as in PyTorch (BatchNorm1d refuses eps ≤ 0 when it runs).
        assert!(spec.clone().with_norm_settings(-1.0, None).is_ok());
        assert!(spec.clone().with_norm_settings(f64::NAN, Some(f64::INFINITY)).is_ok());
        let cumulative = spec.with_norm_settings(1e-3, None).unwrap();
        assert_eq!(cumulative.layers[1], LayerSpec::BatchNorm1d { features: 4, eps: 1e-3, momentum: None });
    }
}
