//! The exact reference: the correctly rounded output code of the true function for any input,
//! decided in exact integer arithmetic (256-bit), independent of the golden model's pipeline.
//!
//! With `x = u 2^-F` (`u = |x code|`), `alpha = a 2^-16` (the held UQ8.16 code `a`) and a
//! candidate value `v = n 2^-(G+1)` (`n >= 0`, `G` the output fraction bits):
//! `|y| > v  <=>  x^2 > v^2 (1 + alpha x^2)  <=>  u^2 2^(2G+18) > n^2 (2^(2F+16) + a u^2)`.
//! Odd `n` are rounding midpoints, even `n` are output codes. An `f64` estimate gives a first
//! guess; the exact comparisons then move it until it is provably right. Floating point only
//! guesses, it never decides.

use std::cmp::Ordering;

use ethnum::U256;

use crate::alpha::ALPHA_FRAC_BITS;
use crate::{Config, Format, Function};

#[derive(Clone, Debug)]
pub struct Exact {
    function: Function,
    input: Format,
    output: Format,
    saturate: bool,
    alpha_code: u32,
    alpha: f64,
}

impl Exact {
    pub fn new(config: &Config) -> Self {
        Exact {
            function: config.function,
            input: config.input,
            output: config.output,
            saturate: config.saturate,
            alpha_code: config.alpha.code(),
            alpha: config.alpha.value(),
        }
    }

    fn bypass(&self, x: i64) -> bool {
        self.function == Function::Isrlu && x >= 0
    }

    /// How `|y(u)|` compares with `n 2^-(G+1)`, for the ISRU branch.
    pub fn compare(&self, u: u64, n: u64) -> Ordering {
        let (f, g) = (self.input.frac, self.output.frac);
        let u2 = U256::from(u) * U256::from(u);
        let n2 = U256::from(n) * U256::from(n);
        let lhs = u2 << (2 * g + 2 + ALPHA_FRAC_BITS);
        let rhs =
            n2 * ((U256::ONE << (2 * f + ALPHA_FRAC_BITS)) + U256::from(self.alpha_code) * u2);
        lhs.cmp(&rhs)
    }

    /// The correctly rounded magnitude code (ties to even) of the ISRU branch, unbounded.
    fn rounded_magnitude(&self, u: u64) -> u64 {
        let scale = (1u64 << self.output.frac) as f64;
        let mut q = (self.value(-(u as i64)).abs() * scale).round() as u64;
        loop {
            if self.compare(u, 2 * q + 1) == Ordering::Greater {
                q += 1;
            } else if q > 0 && self.compare(u, 2 * q - 1) == Ordering::Less {
                q -= 1;
            } else {
                break;
            }
        }
        // Now q - 1/2 <= |y| <= q + 1/2 (in ulps); break exact ties towards the even code.
        if q & 1 == 1 {
            if self.compare(u, 2 * q + 1) == Ordering::Equal {
                q += 1;
            } else if self.compare(u, 2 * q - 1) == Ordering::Equal {
                q -= 1;
            }
        }
        q
    }

    /// `x 2^(G-F)` rounded to nearest, ties to even, by integer division.
    fn rounded_identity(&self, x: i64) -> i64 {
        let (f, g) = (self.input.frac, self.output.frac);
        let num = i128::from(x) << g;
        let den = 1i128 << f;
        let q = (2 * num + den).div_euclid(2 * den);
        let tie = (2 * num + den).rem_euclid(2 * den) == 0;
        (q - i128::from(tie && q % 2 != 0)) as i64
    }

    /// The correctly rounded output code of input code `x`, saturated when the configuration
    /// saturates, otherwise unbounded.
    pub fn rounded(&self, x: i64) -> i64 {
        let q = if self.bypass(x) {
            self.rounded_identity(x)
        } else {
            let q = self.rounded_magnitude(x.unsigned_abs()) as i64;
            if x < 0 { -q } else { q }
        };
        if self.saturate {
            self.output.saturate(q)
        } else {
            q
        }
    }

    /// `(floor, ceil)` of the true output in output ulps (equal when it is a code), unbounded.
    /// A result is faithful iff it is one of the two.
    pub fn bracket(&self, x: i64) -> (i64, i64) {
        if self.bypass(x) {
            let (f, g) = (self.input.frac, self.output.frac);
            let num = i128::from(x) << g;
            let den = 1i128 << f;
            let lo = num.div_euclid(den);
            return (
                lo as i64,
                (lo + i128::from(num.rem_euclid(den) != 0)) as i64,
            );
        }
        let u = x.unsigned_abs();
        let q = self.rounded_magnitude(u) as i64;
        let (lo, hi) = match self.compare(u, 2 * q as u64) {
            Ordering::Greater => (q, q + 1),
            Ordering::Less => (q - 1, q),
            Ordering::Equal => (q, q),
        };
        if x < 0 { (-hi, -lo) } else { (lo, hi) }
    }

    /// The true output value, in `f64` (for errors and plots).
    pub fn value(&self, x: i64) -> f64 {
        let v = self.input.value(x);
        if self.bypass(x) {
            v
        } else {
            v / (1.0 + self.alpha * v * v).sqrt()
        }
    }

    /// The true output in output ulps, in `f64`.
    pub fn value_ulps(&self, x: i64) -> f64 {
        self.value(x) * (1u64 << self.output.frac) as f64
    }

    /// The derivative: 1 on the ISRLU identity branch, else `(1 / sqrt(1 + alpha x^2))^3`.
    pub fn derivative(&self, x: i64) -> f64 {
        if self.bypass(x) {
            return 1.0;
        }
        let v = self.input.value(x);
        (1.0 + self.alpha * v * v).sqrt().recip().powi(3)
    }
}
