//! Two's complement fixed-point formats, written `TOTAL.FRAC` (e.g. `16.12`).
//!
//! A code `c` of format `W.F` is a `W`-bit two's complement integer in `[-2^(W-1), 2^(W-1) - 1]`
//! and stands for the value `c * 2^-F`. `W` is in `2..=32` and `F` in `0..=W`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::ConfigError;

/// Widths the generator supports for input and output codes.
pub const WIDTH_RANGE: std::ops::RangeInclusive<u32> = 2..=32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Format {
    /// Total bits `W`, sign included.
    pub bits: u32,
    /// Fraction bits `F`: the least significant bit weighs `2^-F`.
    pub frac: u32,
}

impl Format {
    pub fn new(bits: u32, frac: u32) -> Result<Self, ConfigError> {
        if !WIDTH_RANGE.contains(&bits) {
            return Err(ConfigError::new(format!(
                "format {bits}.{frac}: total bits must be in 2..=32"
            )));
        }
        if frac > bits {
            return Err(ConfigError::new(format!(
                "format {bits}.{frac}: fraction bits ({frac}) must not exceed total bits ({bits})"
            )));
        }
        Ok(Format { bits, frac })
    }

    pub fn min_code(self) -> i64 {
        -(1i64 << (self.bits - 1))
    }

    pub fn max_code(self) -> i64 {
        (1i64 << (self.bits - 1)) - 1
    }

    pub fn contains(self, code: i64) -> bool {
        (self.min_code()..=self.max_code()).contains(&code)
    }

    /// `code` itself if it is in range, else the error naming the format and its range.
    pub fn check_input_code(self, code: i64) -> Result<i64, ConfigError> {
        if self.contains(code) {
            Ok(code)
        } else {
            Err(ConfigError::new(format!(
                "input code {code} is out of range for input format {self} ({}..={})",
                self.min_code(),
                self.max_code()
            )))
        }
    }

    /// Number of distinct codes, `2^W`.
    pub fn count(self) -> u64 {
        1u64 << self.bits
    }

    /// The value of `code` (exact for every code: at most 32 significant bits).
    pub fn value(self, code: i64) -> f64 {
        code as f64 / (1u64 << self.frac) as f64
    }

    /// Two's complement wrap of `code` into this format.
    pub fn wrap(self, code: i64) -> i64 {
        let shift = 64 - self.bits;
        (code << shift) >> shift
    }

    /// Saturation of `code` into this format.
    pub fn saturate(self, code: i64) -> i64 {
        code.clamp(self.min_code(), self.max_code())
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.bits, self.frac)
    }
}

impl FromStr for Format {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            ConfigError::new(format!(
                "invalid format '{s}': expected TOTAL.FRAC, e.g. 16.12"
            ))
        };
        let (bits, frac) = s.trim().split_once('.').ok_or_else(bad)?;
        let bits = bits.parse().map_err(|_| bad())?;
        let frac = frac.parse().map_err(|_| bad())?;
        Format::new(bits, frac)
    }
}

impl Serialize for Format {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Format {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        let f: Format = "16.12".parse().unwrap();
        assert_eq!(f, Format { bits: 16, frac: 12 });
        assert_eq!(f.to_string(), "16.12");
        assert_eq!((f.min_code(), f.max_code()), (-32768, 32767));
        assert_eq!(f.value(-2048), -0.5);
    }

    #[test]
    fn rejects_bad_formats_with_exact_messages() {
        let msg = |s: &str| s.parse::<Format>().unwrap_err().to_string();
        assert_eq!(
            msg("17.20"),
            "format 17.20: fraction bits (20) must not exceed total bits (17)"
        );
        assert_eq!(msg("0.0"), "format 0.0: total bits must be in 2..=32");
        assert_eq!(msg("33.1"), "format 33.1: total bits must be in 2..=32");
        assert_eq!(
            msg("16"),
            "invalid format '16': expected TOTAL.FRAC, e.g. 16.12"
        );
        assert_eq!(
            msg("a.b"),
            "invalid format 'a.b': expected TOTAL.FRAC, e.g. 16.12"
        );
    }

    #[test]
    fn wraps_and_saturates() {
        let f = Format::new(8, 4).unwrap();
        assert_eq!(f.wrap(128), -128);
        assert_eq!(f.wrap(-129), 127);
        assert_eq!(f.saturate(300), 127);
        assert_eq!(f.saturate(-300), -128);
    }
}
