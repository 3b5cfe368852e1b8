//! Seeded batches that look like the outputs of a `Linear` layer: every feature has its own
//! shift and scale, and the generator knows each feature's true mean and variance.
//!
//! Same seed, same numbers, natively and in wasm: ChaCha8 is specified bit for bit, and every
//! transcendental function comes from `libm`, which is the same Rust code on every target. The
//! square root is the exception, on purpose: IEEE 754 requires it correctly rounded, so std's
//! `f64::sqrt` (one `sqrtsd` natively, one `f64.sqrt` in wasm) gives the bits `libm::sqrt` gives,
//! and libm's own is a software loop in wasm (a third of a batch's making at N = 4096).

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

/// The shape of one feature's values before its shift and scale; each has mean 0 and variance 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Distribution {
    /// N(0, 1)
    Normal,
    /// U(−√3, √3)
    Uniform,
    /// Exponential(1) − 1: a long right tail.
    Skewed,
    /// N(0, 1), but 3 % of the values come from N(0, 8²); rescaled to variance 1.
    Outliers,
}

impl Distribution {
    pub const ALL: [Distribution; 4] =
        [Distribution::Normal, Distribution::Uniform, Distribution::Skewed, Distribution::Outliers];

    pub fn name(self) -> &'static str {
        match self {
            Distribution::Normal => "normal",
            Distribution::Uniform => "uniform",
            Distribution::Skewed => "skewed",
            Distribution::Outliers => "outliers",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Distribution::ALL.into_iter().find(|d| d.name() == name)
    }
}

const OUTLIER_SHARE: f64 = 0.03;
const OUTLIER_SCALE: f64 = 8.0;

/// A stream of uniform and standard draws from one seed.
#[derive(Clone)]
struct Draws(ChaCha8Rng);

impl Draws {
    fn new(seed: u64, stream: u64) -> Self {
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        rng.set_stream(stream);
        Draws(rng)
    }

    /// U[0, 1) with 53 random bits.
    fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// N(0, 1) by Box–Muller (one of the pair; simple beats fast here).
    fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.uniform(); // (0, 1]: ln stays finite
        let u2 = self.uniform();
        (-2.0 * libm::log(u1)).sqrt() * libm::cos(2.0 * std::f64::consts::PI * u2)
    }

    /// One value of `dist`, with mean 0 and variance 1.
    fn standard(&mut self, dist: Distribution) -> f64 {
        match dist {
            Distribution::Normal => self.normal(),
            Distribution::Uniform => (2.0 * self.uniform() - 1.0) * 3f64.sqrt(),
            Distribution::Skewed => -libm::log(1.0 - self.uniform()) - 1.0,
            Distribution::Outliers => {
                let scale = if self.uniform() < OUTLIER_SHARE { OUTLIER_SCALE } else { 1.0 };
                let variance = (1.0 - OUTLIER_SHARE) + OUTLIER_SHARE * OUTLIER_SCALE * OUTLIER_SCALE;
                self.normal() * scale / variance.sqrt()
            }
        }
    }
}

/// What a data source is: the page's data controls.
#[derive(Debug, Clone, PartialEq)]
pub struct DataSpec {
    pub distribution: Distribution,
    pub num_features: usize,
    /// Where feature means are centred: feature c's mean is `offset + shift · z_c`, z_c ~ N(0, 1).
    pub offset: f64,
    /// How far feature means scatter around `offset`.
    pub shift: f64,
    /// A typical feature's standard deviation.
    pub spread: f64,
    /// When true, feature c's standard deviation is `spread · 2^u`, u ~ U(−1, 1), so features
    /// differ in scale like a Linear layer's outputs; when false every feature has `spread`.
    pub vary_spread: bool,
    pub seed: u64,
}

impl DataSpec {
    pub fn new(num_features: usize, seed: u64) -> Self {
        DataSpec {
            distribution: Distribution::Normal,
            num_features,
            offset: 0.0,
            shift: 2.0,
            spread: 1.0,
            vary_spread: true,
            seed,
        }
    }
}

/// Batches of `DataSpec`'s features. Batch k is a function of the spec and k alone, so a step
/// can be redrawn (another batch size, a shared URL) and give the same numbers.
pub struct Generator {
    spec: DataSpec,
    loc: Vec<f64>,
    scale: Vec<f64>,
}

impl Generator {
    pub fn new(spec: DataSpec) -> Self {
        // Stream 0 picks each feature's shift and scale; stream k + 1 draws batch k.
        let mut features = Draws::new(spec.seed, 0);
        let loc = (0..spec.num_features).map(|_| spec.offset + spec.shift * features.normal()).collect();
        let scale = (0..spec.num_features)
            .map(|_| {
                let u = features.uniform();
                if spec.vary_spread {
                    spec.spread * libm::exp2(2.0 * u - 1.0)
                } else {
                    spec.spread
                }
            })
            .collect();
        Generator { spec, loc, scale }
    }

    pub fn spec(&self) -> &DataSpec {
        &self.spec
    }

    /// The mean every feature's values are drawn around (what running_mean should approach).
    pub fn true_mean(&self) -> Vec<f32> {
        self.loc.iter().map(|&m| m as f32).collect()
    }

    /// Every feature's true variance, scale² (what running_var should approach).
    pub fn true_var(&self) -> Vec<f32> {
        self.scale.iter().map(|&s| (s * s) as f32).collect()
    }

    /// Batch number `index`, row-major `(N, C, L)` (L = 1 for `(N, C)`).
    pub fn batch(&self, index: u64, n: usize, l: usize) -> Vec<f32> {
        let mut maker = self.maker(index, n, l);
        maker.make(self, n);
        maker.values
    }

    /// Feature `f`'s value for the standard draw z: loc + scale · z, in float32.
    fn value(&self, f: usize, z: f64) -> f32 {
        (self.loc[f] + self.scale[f] * z) as f32
    }

    /// Batch `index` to be made a few rows at a time ([`BatchMaker::make`]).
    pub fn maker(&self, index: u64, n: usize, l: usize) -> BatchMaker {
        BatchMaker {
            spec: self.spec.clone(),
            index,
            n,
            l,
            draws: Draws::new(self.spec.seed, index.wrapping_add(1)),
            values: Vec::with_capacity(n * self.spec.num_features * l),
            z: Vec::new(),
        }
    }
}

/// A batch asked for by name: the data it is drawn from, its number and its shape. As
/// [`words`](BatchOrder::words) it is handed to a Web Worker, which makes the same bits off the
/// page's thread ([`BatchOrder::make`]); the page then checks the batch is still the one it wants.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchOrder {
    pub spec: DataSpec,
    pub index: u64,
    pub n: usize,
    pub l: usize,
}

/// The most values an order may ask for: the lab's largest step (`lab::MAX_VALUES`, 2 Mi).
pub const MOST_VALUES: usize = 1 << 21;

impl BatchOrder {
    /// Fifteen 32-bit words: the distribution, C, offset, shift and spread (each float by its
    /// bits, high word first: exact both ways), whether spreads vary, the seed, the batch's
    /// number, N and L.
    pub fn words(&self) -> Vec<u32> {
        let s = &self.spec;
        let halves = |v: u64| [(v >> 32) as u32, v as u32];
        let mut words = vec![Distribution::ALL.iter().position(|&d| d == s.distribution).unwrap_or(0) as u32];
        words.push(s.num_features as u32);
        for v in [s.offset.to_bits(), s.shift.to_bits(), s.spread.to_bits()] {
            words.extend(halves(v));
        }
        words.push(u32::from(s.vary_spread));
        for v in [s.seed, self.index] {
            words.extend(halves(v));
        }
        words.extend([self.n as u32, self.l as u32]);
        words
    }

    /// The order [`words`](BatchOrder::words) name; None for any other words.
    pub fn from_words(words: &[u32]) -> Option<BatchOrder> {
        let &[dist, c, o1, o2, h1, h2, s1, s2, vary, seed1, seed2, i1, i2, n, l] = words else {
            return None;
        };
        let whole = |hi: u32, lo: u32| (u64::from(hi) << 32) | u64::from(lo);
        let (num_features, n, l) = (c as usize, n as usize, l as usize);
        let values = num_features.checked_mul(n)?.checked_mul(l)?;
        if !(1..=MOST_VALUES).contains(&values) || vary > 1 {
            return None;
        }
        let spec = DataSpec {
            distribution: *Distribution::ALL.get(dist as usize)?,
            num_features,
            offset: f64::from_bits(whole(o1, o2)),
            shift: f64::from_bits(whole(h1, h2)),
            spread: f64::from_bits(whole(s1, s2)),
            vary_spread: vary == 1,
            seed: whole(seed1, seed2),
        };
        Some(BatchOrder { spec, index: whole(i1, i2), n, l })
    }

    /// How many values the batch holds: N · C · L.
    pub fn values(&self) -> usize {
        self.n * self.spec.num_features * self.l
    }

    /// The batch: the same bits as [`Generator::batch`] (and as made a few rows at a time).
    pub fn make(&self) -> Vec<f32> {
        Generator::new(self.spec.clone()).batch(self.index, self.n, self.l)
    }
}

/// One batch made a few rows at a time (the page makes the next batch while it is idle): the
/// same draws from the same stream in the same order as [`Generator::batch`], so the same bits
/// however the rows are split.
#[derive(Clone)]
pub struct BatchMaker {
    spec: DataSpec,
    index: u64,
    n: usize,
    l: usize,
    draws: Draws,
    values: Vec<f32>,
    /// Batch 0's standard draws z (loc + scale · z is each value): kept so that new feature
    /// means and spreads (offset, shift, spread) give batch 0 again without drawing it again.
    z: Vec<f64>,
}

impl BatchMaker {
    /// True when this is (or will be) batch `index` of `generator` with `n` rows of length `l`.
    /// This batch, made whole elsewhere (a worker): None when `values` is not its size. Only a
    /// batch after the first (batch 0 keeps its draws, [`BatchMaker::moved_to`]).
    pub fn made(order: BatchOrder, values: Vec<f32>) -> Option<BatchMaker> {
        if order.index == 0 || values.len() != order.values() {
            return None;
        }
        // Done: its draws are never taken again.
        let draws = Draws::new(order.spec.seed, order.index.wrapping_add(1));
        let BatchOrder { spec, index, n, l } = order;
        Some(BatchMaker { spec, index, n, l, draws, values, z: Vec::new() })
    }

    pub fn is_for(&self, generator: &Generator, index: u64, n: usize, l: usize) -> bool {
        (self.index, self.n, self.l) == (index, n, l) && self.spec == generator.spec
    }

    /// True when this is the batch `order` names, made whole.
    pub fn is_order(&self, order: &BatchOrder) -> bool {
        (self.index, self.n, self.l) == (order.index, order.n, order.l) && self.spec == order.spec && self.done()
    }

    /// Rows made so far.
    pub fn rows(&self) -> usize {
        let row = self.spec.num_features * self.l;
        self.values.len().checked_div(row).unwrap_or(self.n)
    }

    pub fn done(&self) -> bool {
        self.rows() >= self.n
    }

    /// Makes up to `rows` more rows with `generator` (the one that made this maker).
    pub fn make(&mut self, generator: &Generator, rows: usize) {
        let (c, l) = (self.spec.num_features, self.l);
        let end = self.rows().saturating_add(rows).min(self.n);
        for _ in self.rows()..end {
            for f in 0..c {
                for _ in 0..l {
                    let z = self.draws.standard(self.spec.distribution);
                    if self.index == 0 {
                        self.z.push(z);
                    }
                    self.values.push(generator.value(f, z));
                }
            }
        }
    }

    /// Batch 0, made, for `generator` with `n` rows of length `l`, when only the features' means
    /// and spreads differ from this one's (offset, shift, spread: the same draws z, moved and
    /// scaled again: the same bits as drawing it); None when the draws differ too.
    pub fn moved_to(&self, generator: &Generator, n: usize, l: usize) -> Option<BatchMaker> {
        let (a, b) = (&self.spec, &generator.spec);
        if !self.movable_to(b, n, l) {
            return None;
        }
        let row = a.num_features * l;
        let values = self.z.iter().enumerate().map(|(i, &z)| generator.value((i % row) / l, z)).collect();
        Some(BatchMaker { spec: b.clone(), index: 0, n, l, draws: self.draws.clone(), values, z: self.z.clone() })
    }

    /// True when [`BatchMaker::moved_to`] gives batch 0 of `spec` with `n` rows of length `l`
    /// from this one: made, its draws kept, and the same draws (seed, distribution, C).
    pub fn movable_to(&self, spec: &DataSpec, n: usize, l: usize) -> bool {
        let a = &self.spec;
        let same_draws = (a.seed, a.distribution, a.num_features) == (spec.seed, spec.distribution, spec.num_features);
        same_draws && (self.index, self.n, self.l) == (0, n, l) && self.done() && self.z.len() == self.values.len()
    }

    /// True when this is batch 0 of `spec` with `n` rows of length `l`, made whole, or one that
    /// moves to it ([`BatchMaker::movable_to`]): what a new lab takes as its batch 0 at once.
    pub fn gives_first(&self, spec: &DataSpec, n: usize, l: usize) -> bool {
        let made = (self.index, self.n, self.l) == (0, n, l) && self.done() && self.spec == *spec;
        made || self.movable_to(spec, n, l)
    }

    /// The whole batch (the rows still missing made now).
    pub fn finish(mut self, generator: &Generator) -> Vec<f32> {
        self.make(generator, self.n);
        self.values
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_numbers() {
        let spec = DataSpec::new(5, 42);
        let a = Generator::new(spec.clone()).batch(4, 3, 2);
        let b = Generator::new(spec).batch(4, 3, 2);
        assert_eq!(a, b);
    }

    #[test]
    fn a_batch_order_goes_through_its_words_and_makes_the_same_bits() {
        for dist in Distribution::ALL {
            let spec = DataSpec {
                distribution: dist,
                offset: -0.1,
                shift: 1.0 / 3.0,
                spread: 1e-300,
                ..DataSpec::new(3, u64::MAX)
            };
            let order = BatchOrder { spec, index: (1 << 40) + 7, n: 5, l: 2 };
            let back = BatchOrder::from_words(&order.words()).expect("its own words read back");
            assert_eq!(back, order);
            assert_eq!(back.make(), Generator::new(order.spec.clone()).batch(order.index, 5, 2));
            let maker = BatchMaker::made(back.clone(), back.make()).expect("the right size");
            assert!(maker.done() && maker.is_for(&Generator::new(order.spec.clone()), order.index, 5, 2));
        }
    }

    #[test]
    fn words_that_name_no_batch_of_the_page_are_none() {
        let good = BatchOrder { spec: DataSpec::new(4, 1), index: 1, n: 2, l: 1 }.words();
        assert!(BatchOrder::from_words(&good).is_some());
        let with = |i: usize, w: u32| {
            let mut v = good.clone();
            v[i] = w;
            v
        };
        for bad in [
            vec![],
            good[1..].to_vec(),
            [&good[..], &[1]].concat(),
            with(0, 4),
            with(1, 0),
            with(8, 2),
            with(13, 4096 * 1024),
            with(14, u32::MAX),
        ] {
            assert_eq!(BatchOrder::from_words(&bad), None, "{bad:?}");
        }
        let order = BatchOrder::from_words(&good).unwrap();
        assert!(BatchMaker::made(order.clone(), vec![0.0; 7]).is_none(), "the wrong size");
        assert!(BatchMaker::made(BatchOrder { index: 0, ..order }, vec![0.0; 8]).is_none(), "batch 0");
    }

    #[test]
    fn a_batch_made_a_few_rows_at_a_time_is_the_same_batch() {
        for dist in Distribution::ALL {
            let g = Generator::new(DataSpec { distribution: dist, ..DataSpec::new(7, 3) });
            for l in [1, 3] {
                let whole = g.batch(5, 20, l);
                let mut maker = g.maker(5, 20, l);
                for rows in [0, 1, 2, 5] {
                    maker.make(&g, rows);
                }
                assert_eq!(maker.rows(), 8);
                assert!(maker.is_for(&g, 5, 20, l) && !maker.is_for(&g, 4, 20, l) && !maker.done());
                let made = maker.finish(&g);
                assert_eq!(
                    made.iter().map(|v| v.to_bits()).collect::<Vec<_>>(),
                    whole.iter().map(|v| v.to_bits()).collect::<Vec<_>>()
                );
            }
        }
    }

    #[test]
    fn every_distribution_has_its_true_moments() {
        for dist in Distribution::ALL {
            let spec = DataSpec { distribution: dist, ..DataSpec::new(3, 7) };
            let g = Generator::new(spec);
            let n = 200_000;
            let x = g.batch(0, n, 1);
            for c in 0..3 {
                let vals: Vec<f64> = (0..n).map(|i| x[i * 3 + c] as f64).collect();
                let mean = vals.iter().sum::<f64>() / n as f64;
                let var = vals.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / n as f64;
                let (tm, tv) = (g.true_mean()[c] as f64, g.true_var()[c] as f64);
                assert!((mean - tm).abs() < 0.02 * tv.sqrt(), "{dist:?} mean {mean} vs {tm}");
                assert!((var / tv - 1.0).abs() < 0.05, "{dist:?} var {var} vs {tv}");
            }
        }
    }
}
