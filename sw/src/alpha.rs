//! The constant `alpha` (written `a` in the paper), held exactly as an unsigned fixed-point
//! number UQ8.16: `alpha = code * 2^-16` with `code` in `1..2^24`, so `2^-16 <= alpha < 256`.
//!
//! A decimal is read as the nearest `f64`, then rounded to the nearest multiple of `2^-16`
//! (ties away from zero). A decimal that is not dyadic therefore changes: `0.1` is held as
//! `6554 * 2^-16 = 0.100006103515625`. Every model, the exact reference included, uses the held
//! value, so "correctly rounded" means correctly rounded for the held alpha.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ConfigError;

pub const ALPHA_FRAC_BITS: u32 = 16;
pub const ALPHA_CODE_BITS: u32 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Alpha {
    code: u32,
}

impl Alpha {
    pub fn from_f64(alpha: f64) -> Result<Self, ConfigError> {
        if !alpha.is_finite() || alpha <= 0.0 {
            return Err(ConfigError::new(format!(
                "alpha must be finite and > 0, got {alpha}"
            )));
        }
        let code = (alpha * f64::from(1u32 << ALPHA_FRAC_BITS)).round();
        if code < 1.0 {
            return Err(ConfigError::new(format!(
                "alpha {alpha} rounds to 0 in UQ8.16 (the smallest alpha is 2^-16)"
            )));
        }
        if code >= f64::from(1u32 << ALPHA_CODE_BITS) {
            return Err(ConfigError::new(format!(
                "alpha {alpha} is too large: alpha must be below 256 (UQ8.16)"
            )));
        }
        Ok(Alpha { code: code as u32 })
    }

    /// The UQ8.16 code: `alpha = code * 2^-16`.
    pub fn code(self) -> u32 {
        self.code
    }

    /// The held value (exact: 24 significant bits fit an f64).
    pub fn value(self) -> f64 {
        f64::from(self.code) / f64::from(1u32 << ALPHA_FRAC_BITS)
    }

    /// `(odd, exp)` with `alpha = odd * 2^exp` and `odd` odd: the cheapest exact multiplier.
    pub fn odd_and_exponent(self) -> (u64, i32) {
        let zeros = self.code.trailing_zeros();
        (
            u64::from(self.code >> zeros),
            zeros as i32 - ALPHA_FRAC_BITS as i32,
        )
    }
}

impl fmt::Display for Alpha {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.value())
    }
}

impl Serialize for Alpha {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl<'de> Deserialize<'de> for Alpha {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Alpha::from_f64(f64::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_dyadic_values_exactly() {
        let a = Alpha::from_f64(1.0).unwrap();
        assert_eq!(
            (a.code(), a.value(), a.odd_and_exponent()),
            (65536, 1.0, (1, 0))
        );
        assert_eq!(Alpha::from_f64(3.0).unwrap().odd_and_exponent(), (3, 0));
        assert_eq!(Alpha::from_f64(0.375).unwrap().odd_and_exponent(), (3, -3));
        assert_eq!(Alpha::from_f64(128.0).unwrap().odd_and_exponent(), (1, 7));
    }

    #[test]
    fn rounds_decimals_to_the_grid() {
        // 0.1 * 65536 = 6553.6 -> 6554.
        let a = Alpha::from_f64(0.1).unwrap();
        assert_eq!(a.code(), 6554);
        assert_eq!(a.value(), 0.100006103515625);
    }

    #[test]
    fn rejects_bad_alpha_with_exact_messages() {
        let msg = |a: f64| Alpha::from_f64(a).unwrap_err().to_string();
        assert_eq!(msg(0.0), "alpha must be finite and > 0, got 0");
        assert_eq!(msg(-1.0), "alpha must be finite and > 0, got -1");
        assert_eq!(msg(f64::NAN), "alpha must be finite and > 0, got NaN");
        assert_eq!(msg(f64::INFINITY), "alpha must be finite and > 0, got inf");
        assert_eq!(
            msg(1e-6),
            "alpha 0.000001 rounds to 0 in UQ8.16 (the smallest alpha is 2^-16)"
        );
        assert_eq!(
            msg(256.0),
            "alpha 256 is too large: alpha must be below 256 (UQ8.16)"
        );
    }
}
