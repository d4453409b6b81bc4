//! Accuracy of any model of the core against the exact reference, in output ulps.
//!
//! For an input `x`, with `q` the model's code and `y` the true value in output ulps:
//! error `q - y`; correctly rounded iff `q` equals the exact reference's code; faithful iff `q`
//! is `floor(y)` or `ceil(y)` (both decided exactly); SQNR `= 10 log10(sum y^2 / sum (q - y)^2)`.
//! Every input is used when the input has at most [`EXHAUSTIVE_BITS`] bits, otherwise a sample.

use rayon::prelude::*;
use serde::Serialize;

use crate::{Config, Exact};

pub const EXHAUSTIVE_BITS: u32 = 24;
/// Histogram bins per ulp; the histogram spans [-HIST_RANGE, HIST_RANGE] ulps.
const BINS_PER_ULP: i64 = 32;
const HIST_RANGE: i64 = 2;
const WORST_KEPT: usize = 10;

/// The inputs a sweep covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Inputs {
    /// Every code of the input format.
    All,
    /// `count` codes drawn uniformly from a SplitMix64 stream started at `seed`.
    Random { count: u64, seed: u64 },
}

impl Inputs {
    /// Every input when the format has at most 24 bits, else `count` random ones.
    pub fn default_for(config: &Config, count: u64, seed: u64) -> Self {
        if config.input.bits <= EXHAUSTIVE_BITS {
            Inputs::All
        } else {
            Inputs::Random { count, seed }
        }
    }

    pub fn len(&self, config: &Config) -> u64 {
        match *self {
            Inputs::All => config.input.count(),
            Inputs::Random { count, .. } => count,
        }
    }

    pub fn is_empty(&self, config: &Config) -> bool {
        self.len(config) == 0
    }

    /// Every input code of the sweep, in order.
    pub fn codes(&self, config: &Config) -> Vec<i64> {
        (0..self.len(config))
            .map(|i| self.code(config, i))
            .collect()
    }

    /// The `i`-th input code.
    pub fn code(&self, config: &Config, i: u64) -> i64 {
        match *self {
            Inputs::All => config.input.min_code() + i as i64,
            Inputs::Random { seed, .. } => config
                .input
                .wrap(splitmix64(seed.wrapping_add(i.wrapping_mul(GOLDEN_GAMMA))) as i64),
        }
    }
}

const GOLDEN_GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

/// SplitMix64's output function (Steele, Lea, Flood 2014): a bijective 64-bit mixer.
pub fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(GOLDEN_GAMMA);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WorstCase {
    pub input_code: i64,
    pub input: f64,
    pub output_code: i64,
    pub exact_code: i64,
    pub exact_value: f64,
    pub err_ulp: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Histogram {
    pub bin_width_ulp: f64,
    /// Lower edge of the first bin, in ulps.
    pub first_edge_ulp: f64,
    pub counts: Vec<u64>,
    /// Errors below the first edge and at or above the last.
    pub below: u64,
    pub above: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Accuracy {
    pub inputs: u64,
    pub sampling: Inputs,
    pub max_err_ulp: f64,
    pub mean_abs_err_ulp: f64,
    pub rms_err_ulp: f64,
    pub bias_ulp: f64,
    pub correctly_rounded: u64,
    pub correctly_rounded_pct: f64,
    pub faithful: u64,
    pub faithful_pct: f64,
    pub sqnr_db: f64,
    pub histogram: Histogram,
    pub worst: Vec<WorstCase>,
}

#[derive(Clone, Default)]
struct Partial {
    n: u64,
    sum_abs: f64,
    sum_err: f64,
    sum_sq: f64,
    sum_signal: f64,
    correct: u64,
    faithful: u64,
    counts: Vec<u64>,
    below: u64,
    above: u64,
    worst: Vec<WorstCase>,
}

impl Partial {
    fn merge(mut self, other: Partial) -> Partial {
        self.n += other.n;
        self.sum_abs += other.sum_abs;
        self.sum_err += other.sum_err;
        self.sum_sq += other.sum_sq;
        self.sum_signal += other.sum_signal;
        self.correct += other.correct;
        self.faithful += other.faithful;
        self.below += other.below;
        self.above += other.above;
        if self.counts.is_empty() {
            self.counts = other.counts;
        } else {
            for (a, b) in self.counts.iter_mut().zip(other.counts) {
                *a += b;
            }
        }
        self.worst.extend(other.worst);
        keep_worst(&mut self.worst);
        self
    }
}

fn keep_worst(worst: &mut Vec<WorstCase>) {
    worst.sort_by(|a, b| {
        b.err_ulp
            .abs()
            .total_cmp(&a.err_ulp.abs())
            .then(a.input_code.cmp(&b.input_code))
    });
    worst.truncate(WORST_KEPT);
}

/// Measures `model` (input code to output code) over `inputs`, on all cores.
pub fn accuracy(config: &Config, inputs: Inputs, model: impl Fn(i64) -> i64 + Sync) -> Accuracy {
    let exact = Exact::new(config);
    let total = inputs.len(config);
    let bins = (2 * HIST_RANGE * BINS_PER_ULP) as usize;
    const CHUNK: u64 = 1 << 12;
    let sum = (0..total.div_ceil(CHUNK))
        .into_par_iter()
        .map(|chunk| {
            let mut part = Partial {
                counts: vec![0; bins],
                ..Partial::default()
            };
            for i in chunk * CHUNK..((chunk + 1) * CHUNK).min(total) {
                let x = inputs.code(config, i);
                let q = model(x);
                let y = exact.value_ulps(x);
                let err = q as f64 - y;
                let exact_code = exact.rounded(x);
                let (lo, hi) = exact.bracket(x);
                part.n += 1;
                part.sum_abs += err.abs();
                part.sum_err += err;
                part.sum_sq += err * err;
                part.sum_signal += y * y;
                part.correct += u64::from(q == exact_code);
                part.faithful += u64::from(q == lo || q == hi);
                let bin = (err * BINS_PER_ULP as f64).floor() as i64 + HIST_RANGE * BINS_PER_ULP;
                match usize::try_from(bin) {
                    Ok(b) if b < bins => part.counts[b] += 1,
                    Ok(_) => part.above += 1,
                    Err(_) => part.below += 1,
                }
                if part.worst.len() < WORST_KEPT
                    || err.abs() > part.worst.last().map_or(0.0, |w| w.err_ulp.abs())
                {
                    part.worst.push(WorstCase {
                        input_code: x,
                        input: config.input.value(x),
                        output_code: q,
                        exact_code,
                        exact_value: exact.value(x),
                        err_ulp: err,
                    });
                    keep_worst(&mut part.worst);
                }
            }
            part
        })
        .reduce(Partial::default, Partial::merge);
    let n = sum.n.max(1) as f64;
    Accuracy {
        inputs: sum.n,
        sampling: inputs,
        max_err_ulp: sum.worst.first().map_or(0.0, |w| w.err_ulp.abs()),
        mean_abs_err_ulp: sum.sum_abs / n,
        rms_err_ulp: (sum.sum_sq / n).sqrt(),
        bias_ulp: sum.sum_err / n,
        correctly_rounded: sum.correct,
        correctly_rounded_pct: 100.0 * sum.correct as f64 / n,
        faithful: sum.faithful,
        faithful_pct: 100.0 * sum.faithful as f64 / n,
        sqnr_db: 10.0 * (sum.sum_signal / sum.sum_sq).log10(),
        histogram: Histogram {
            bin_width_ulp: 1.0 / BINS_PER_ULP as f64,
            first_edge_ulp: -HIST_RANGE as f64,
            counts: sum.counts,
            below: sum.below,
            above: sum.above,
        },
        worst: sum.worst,
    }
}
