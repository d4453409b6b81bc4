//! The bit-accurate golden model: one method per pipeline stage, integer arithmetic only.
//! It defines every bit the hardware and the simulator must produce.
//!
//! With `u = |x|` (input code magnitude, `Wi` bits), `F = input.frac`, `G = output.frac`,
//! `P = internal_frac_bits`, `alpha = A * 2^ea` (`A` odd):
//!
//! | stage       | result                                                         | width            |
//! |-------------|----------------------------------------------------------------|------------------|
//! | magnitude   | `u = abs(x)`                                                   | `Wi`             |
//! | square      | `s = u^2`                                                      | `2 Wi - 1`       |
//! | scale       | `T = 2^Et + (A s << ps)`, so `t = 1 + alpha x^2 = T 2^-Et`      | [`Widths::t`]    |
//! | normalise   | `t = m 4^e`, `m` in `[1, 4)` truncated to `P` fraction bits     | `P + 2`, exp     |
//! | seed        | `y0 = table[parity(e), top mantissa bits of m]` at `P` bits, and its cube `c0` at `P + 2` | `P + 1`, `P + 2` |
//! | newton      | first `y1 = (3 y0 - m c0) / 2`, then `y' = y (3 - m y^2) / 2`, products truncated to `P` bits | `P + 1` |
//! | multiply    | `z = u y 2^-e`, truncated to half an output ulp                 | [`Widths::half_ulps`] |
//! | round       | nearest: `c = floor(z)`, `+1` iff the exact midpoint test says `|y| > c + 1/2` (ties to even); faithful: `floor(z + 1/2)` | [`Widths::candidate`] |
//! | output      | sign, ISRLU bypass (`x >= 0`: `x` rounded to nearest even), saturate or wrap | `Wo` |
//!
//! Where `Et = 2F - ea` and `ps = 0` when that is `>= 0`, else `Et = 0` and `ps = ea - 2F`.
//! Newton's iterate never exceeds `1/sqrt(m) <= 1` (each truncation only lowers it), so
//! `3 - m y^2 > 0` needs no guard and `y` fits `P + 1` bits.
//!
//! `Z_BOUND`: the approximation `r = y 2^-e` of `1/sqrt(t)` is below `2/sqrt(t)`. A seed is at
//! most `1/sqrt(lo) <= sqrt(2)/sqrt(m)` for its interval `[lo, hi)` (`hi <= 2 lo`) plus one rounding
//! step (at most 1/4 relative with 2 value bits, and clamped below 1); a Newton step never returns
//! more than `1/sqrt(m)`; truncating `m` to `P >= 1` fraction bits raises `1/sqrt(m)` by less than
//! `2^-P` relative. Hence `|z| < 4 |y| 2^G` half ulps, which sizes `z`, `c` and the exact test.
//!
//! The exact midpoint test (`rounding = nearest`): with `w = 2c + 1`, `|y| > w 2^-(G+1)` iff
//! `u^2 2^(2G+2+Et) > w^2 T 2^(2F)`; both sides are shifted by the smaller exponent.

mod table;

pub use table::SeedTable;

use std::cmp::Ordering;

use crate::{Config, ConfigError, Format, Function, Rounding};

/// The seeds' cubes carry this many fraction bits beyond `P`: with `P + 2` bits the cube is
/// as wide as `m`, and its rounding error stays well below the iterate's truncation.
pub const CUBE_GUARD_BITS: u32 = 2;

/// Bit widths of the intermediates, derived from the configuration (hardware sizes its
/// registers from these).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Widths {
    pub magnitude: u32,
    pub square: u32,
    pub t: u32,
    pub exponent: u32,
    pub mantissa: u32,
    pub iterate: u32,
    pub product: u32,
    pub half_ulps: u32,
    pub candidate: u32,
    /// The wider side of the exact midpoint test (0 with `rounding = faithful`).
    pub test: u32,
}

/// Every derived constant of the datapath. Build it with [`Datapath::new`].
#[derive(Clone, Debug)]
pub struct Datapath {
    pub function: Function,
    pub input: Format,
    pub output: Format,
    pub rounding: Rounding,
    pub saturate: bool,
    pub alpha_odd: u64,
    /// `t = T * 2^-t_frac`.
    pub t_frac: u32,
    /// `T = 2^t_frac + (alpha_odd * s) << product_shift`.
    pub product_shift: u32,
    /// `P`, the internal fraction bits.
    pub p: u32,
    pub newton_steps: u32,
    pub table: SeedTable,
    /// `|y| > mid` iff `(s << test_lhs_shift) > (w^2 T << test_rhs_shift)`.
    pub test_lhs_shift: u32,
    pub test_rhs_shift: u32,
    pub widths: Widths,
}

fn bit_length(v: u128) -> u32 {
    128 - v.leading_zeros()
}

impl Datapath {
    /// The datapath of a configuration; panics only if `config` was not validated.
    pub fn new(config: &Config) -> Self {
        Self::build(config).expect("configuration was validated")
    }

    /// The width rules of [`Config::validate`]: every intermediate must fit 128 bits.
    pub(crate) fn check_widths(config: &Config) -> Result<(), ConfigError> {
        Self::build(config).map(|_| ())
    }

    fn build(config: &Config) -> Result<Self, ConfigError> {
        let (alpha_odd, alpha_exp) = config.alpha.odd_and_exponent();
        let (f, g, p) = (
            config.input.frac,
            config.output.frac,
            config.internal_frac_bits,
        );
        let d = 2 * f as i32 - alpha_exp;
        let (t_frac, product_shift) = if d >= 0 {
            (d as u32, 0)
        } else {
            (0, (-d) as u32)
        };
        let wi = config.input.bits;
        let u_max = 1u128 << (wi - 1);
        let s_max = u_max * u_max;
        let t_max = (1u128 << t_frac) + ((u128::from(alpha_odd) * s_max) << product_shift);
        let t_bits = bit_length(t_max);
        let e_max = (t_bits - 1 - t_frac) / 2;
        // The approximation r of 1/sqrt(t) never exceeds 2/sqrt(t) (see `Z_BOUND`), so
        // z < 4 |y| 2^G half ulps, with |y| <= min(|x|max, 1/sqrt(alpha)).
        let x_max = (1u64 << (wi - 1)) as f64 / (1u64 << f) as f64;
        let y_max = x_max.min(1.0 / config.alpha.value().sqrt());
        let z_max = (4.0 * y_max * (1u64 << g) as f64).ceil() as u128;
        let half_ulps = bit_length(z_max).max(2);
        // Nearest: c + 1 <= z/2 + 1; faithful: (z + 1)/2.
        let candidate = bit_length((z_max >> 1) + 1);
        let (lhs, rhs) = (2 * g + 2 + t_frac, 2 * f);
        let common = lhs.min(rhs);
        let (test_lhs_shift, test_rhs_shift) = (lhs - common, rhs - common);
        let test = match config.rounding {
            Rounding::Faithful => 0,
            Rounding::Nearest => {
                let lhs_bits = (2 * wi - 1) + test_lhs_shift;
                let rhs_bits = 2 * bit_length(z_max + 1) + t_bits + test_rhs_shift;
                lhs_bits.max(rhs_bits)
            }
        };
        if test > 128 {
            return Err(ConfigError::new(format!(
                "rounding = nearest needs a {test}-bit exact midpoint test here, above the 128 bits \
                 supported; use rounding = faithful or narrower formats"
            )));
        }
        let widths = Widths {
            magnitude: wi,
            square: 2 * wi - 1,
            t: t_bits,
            exponent: bit_length(u128::from(e_max)).max(1),
            mantissa: p + 2,
            iterate: p + 1,
            product: wi + p + 1,
            half_ulps,
            candidate,
            test,
        };
        Ok(Datapath {
            function: config.function,
            input: config.input,
            output: config.output,
            rounding: config.rounding,
            saturate: config.saturate,
            alpha_odd,
            t_frac,
            product_shift,
            p,
            newton_steps: config.newton_steps,
            table: SeedTable::new(
                config.table_address_bits,
                config.table_value_bits,
                (config.seed_cubes && config.newton_steps > 0).then_some(p + CUBE_GUARD_BITS),
            ),
            test_lhs_shift,
            test_rhs_shift,
            widths,
        })
    }

    /// The whole pipeline for one input code (`input.min_code()..=input.max_code()`).
    #[inline(always)]
    pub fn eval(&self, x: i64) -> i64 {
        // The widest Newton product is 2P + 3 bits: 64-bit words when that fits are much faster.
        if 2 * self.p + 3 <= 64 {
            self.eval_in::<u64>(x)
        } else {
            self.eval_in::<u128>(x)
        }
    }

    #[inline(always)]
    fn eval_in<W: Word>(&self, x: i64) -> i64 {
        let (negative, u) = magnitude(x);
        let s = square(u);
        let t = self.scale(s);
        let (m, e) = self.normalise(t);
        let index = self.seed_index(m);
        let mut y = self.seed(index);
        let mut steps = 0..self.newton_steps;
        if self.has_cubes() {
            y = self.first_newton(m, y, self.seed_cube(index));
            steps.start = 1;
        }
        for _ in steps {
            y = newton_step::<W>(m, y, self.p);
        }
        let z = self.multiply(u, y, e);
        let q = self.round(z, s, t);
        self.output(x, negative, q)
    }

    /// `T = 2^Et + (A s << ps)`: `t = 1 + alpha x^2` with `Et` fraction bits, exact.
    #[inline]
    pub fn scale(&self, s: u64) -> u128 {
        (1u128 << self.t_frac)
            + ((u128::from(self.alpha_odd) * u128::from(s)) << self.product_shift)
    }

    /// `t = m 4^e`: returns `m` (in `[1, 4)`, `P` fraction bits, truncated) and `e >= 0`.
    #[inline]
    pub fn normalise(&self, t: u128) -> (u64, u32) {
        let msb = bit_length(t) - 1;
        let e = (msb - self.t_frac) / 2;
        let shift = (self.t_frac + 2 * e) as i32 - self.p as i32;
        let m = if shift >= 0 { t >> shift } else { t << -shift };
        (m as u64, e)
    }

    /// Table address from `m`'s parity bit and the `k - 1` bits below its leading one.
    #[inline]
    pub fn seed_index(&self, m: u64) -> usize {
        let k = self.table.address_bits;
        let odd = (m >> (self.p + 1)) & 1;
        let mantissa_lsb = self.p + 1 + odd as u32 - k;
        ((odd << (k - 1)) | ((m >> mantissa_lsb) & ((1 << (k - 1)) - 1))) as usize
    }

    /// The seed `y0` with `P` fraction bits (`V <= P`).
    #[inline]
    pub fn seed(&self, index: usize) -> u64 {
        self.table.values[index] << (self.p - self.table.value_bits)
    }

    /// Whether the table holds the seeds' cubes (`seed_cubes` with at least one Newton step).
    #[inline]
    pub fn has_cubes(&self) -> bool {
        self.table.cube_bits.is_some()
    }

    /// The seed's cube `c0 = y0^3`, rounded at `P + 2` fraction bits (tables with Newton steps).
    #[inline]
    pub fn seed_cube(&self, index: usize) -> u64 {
        self.table.cubes[index]
    }

    /// The first Newton step from the table's seed and cube: `y1 = (3 y0 - m c0) / 2` with
    /// `m c0` truncated to `P` fraction bits (`P+2` bits: `m y0^2` stays below 3/2, so the
    /// difference is positive) and `y1` truncated (`P+1` bits).
    #[inline]
    pub fn first_newton(&self, m: u64, y0: u64, c0: u64) -> u64 {
        let mc = (wide(m, c0) >> (self.p + CUBE_GUARD_BITS)) as u64;
        (3 * y0 - mc) >> 1
    }

    /// One Newton-Raphson step for `1/sqrt(m)`: `y' = y (3 - m y^2) / 2`, each product truncated
    /// to `P` fraction bits: `y^2` (`P+1` bits), `m y^2` (`P+2`), `3 - m y^2` (`P+2`), `y'` (`P+1`).
    #[inline]
    pub fn newton(&self, m: u64, y: u64) -> u64 {
        if 2 * self.p + 3 <= 64 {
            newton_step::<u64>(m, y, self.p)
        } else {
            newton_step::<u128>(m, y, self.p)
        }
    }

    /// `z = u y 2^-e` in half output ulps, truncated: `(u y) >> (F + P + e - G - 1)`.
    #[inline]
    pub fn multiply(&self, u: u64, y: u64, e: u32) -> u128 {
        let product = wide(u, y);
        let shift = (self.input.frac + self.p + e) as i32 - self.output.frac as i32 - 1;
        if shift >= 0 {
            product >> shift
        } else {
            product << -shift
        }
    }

    /// The output magnitude code from `z` (half ulps): see the module table.
    #[inline]
    pub fn round(&self, z: u128, s: u64, t: u128) -> u64 {
        match self.rounding {
            Rounding::Faithful => ((z + 1) >> 1) as u64,
            Rounding::Nearest => {
                let c = (z >> 1) as u64;
                match self.midpoint_test(c, s, t) {
                    Ordering::Greater => c + 1,
                    Ordering::Equal => c + (c & 1),
                    Ordering::Less => c,
                }
            }
        }
    }

    /// How `|y|` compares with the midpoint `(c + 1/2) 2^-G`, exactly.
    #[inline]
    pub fn midpoint_test(&self, c: u64, s: u64, t: u128) -> Ordering {
        let w = 2 * c + 1;
        let w2 = wide(w, w);
        // One 64x64 multiply when both factors fit 64 bits (every preset), else a full one.
        let w2t = match (u64::try_from(w2), u64::try_from(t)) {
            (Ok(a), Ok(b)) => wide(a, b),
            _ => w2 * t,
        };
        let lhs = u128::from(s) << self.test_lhs_shift;
        let rhs = w2t << self.test_rhs_shift;
        lhs.cmp(&rhs)
    }

    /// Applies the sign, the ISRLU bypass for `x >= 0`, then saturation or two's complement wrap.
    #[inline]
    pub fn output(&self, x: i64, negative: bool, q: u64) -> i64 {
        let code = if self.function == Function::Isrlu && !negative {
            round_shift(x, self.output.frac as i32 - self.input.frac as i32)
        } else if negative {
            -(q as i64)
        } else {
            q as i64
        };
        if self.saturate {
            self.output.saturate(code)
        } else {
            self.output.wrap(code)
        }
    }
}

/// Unsigned words wide enough for a Newton step's products.
trait Word:
    Copy
    + From<u64>
    + std::ops::Mul<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Shl<u32, Output = Self>
    + std::ops::Shr<u32, Output = Self>
{
    /// The low 64 bits.
    fn low(self) -> u64;
}

impl Word for u64 {
    fn low(self) -> u64 {
        self
    }
}

impl Word for u128 {
    fn low(self) -> u64 {
        self as u64
    }
}

#[inline(always)]
fn newton_step<W: Word>(m: u64, y: u64, p: u32) -> u64 {
    let (m, y) = (W::from(m), W::from(y));
    let y2 = (y * y) >> p;
    let my2 = (m * y2) >> p;
    let h = (W::from(3) << p) - my2;
    ((y * h) >> (p + 1)).low()
}

/// The full 128-bit product of two 64-bit values.
#[inline]
fn wide(a: u64, b: u64) -> u128 {
    u128::from(a) * u128::from(b)
}

/// `(x < 0, |x|)`.
#[inline]
pub fn magnitude(x: i64) -> (bool, u64) {
    (x < 0, x.unsigned_abs())
}

/// `s = u^2`, exact (`u <= 2^31`).
#[inline]
pub fn square(u: u64) -> u64 {
    u * u
}

/// `x * 2^shift` rounded to nearest, ties to even.
#[inline]
pub fn round_shift(x: i64, shift: i32) -> i64 {
    if shift >= 0 {
        return x << shift;
    }
    let d = -shift as u32;
    let floor = x >> d;
    let rem = x - (floor << d);
    let half = 1i64 << (d - 1);
    floor + i64::from(rem > half || (rem == half && floor & 1 == 1))
}
