//! The one configuration from which the seed table, the golden model, the hardware, the
//! simulator and the expected test results are all derived.
//!
//! It is loaded from TOML (unknown keys are errors), can be overridden key by key
//! (`--set key=value` on the command line), and is validated as a whole by [`Config::validate`].

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::{Alpha, ConfigError, Format};

/// Which function the core computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Function {
    /// `x / sqrt(1 + alpha x^2)` for every `x`.
    Isru,
    /// `x` for `x >= 0`, ISRU otherwise.
    Isrlu,
}

/// How the output code is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Rounding {
    /// Correctly rounded to nearest, ties to even: an exact midpoint test decides every output.
    Nearest,
    /// The approximation rounded without the exact test: cheaper, error below 1 ulp when the
    /// approximation is accurate enough (measured, not guaranteed by construction).
    Faithful,
}

/// Pipeline stages, in datapath order. A register may follow any of them (see `registers`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Square,
    Scale,
    Normalise,
    Seed,
    Newton,
    Multiply,
    Round,
}

impl Stage {
    pub const ALL: [Stage; 7] = [
        Stage::Square,
        Stage::Scale,
        Stage::Normalise,
        Stage::Seed,
        Stage::Newton,
        Stage::Multiply,
        Stage::Round,
    ];
}

impl fmt::Display for Function {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Function::Isru => "isru",
            Function::Isrlu => "isrlu",
        })
    }
}

impl fmt::Display for Rounding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Rounding::Nearest => "nearest",
            Rounding::Faithful => "faithful",
        })
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub function: Function,
    /// Held as UQ8.16, see [`Alpha`].
    pub alpha: Alpha,
    /// Input code format.
    pub input: Format,
    /// Output code format.
    pub output: Format,
    /// The seed table has `2^table_address_bits` entries: 1 bit of the exponent's parity and
    /// `table_address_bits - 1` bits of the normalised mantissa.
    pub table_address_bits: u32,
    /// Each seed is an unsigned fraction of this many bits, all fractional (value in [0.5, 1)).
    pub table_value_bits: u32,
    /// Newton-Raphson steps after the seed, 0 to 3.
    pub newton_steps: u32,
    /// Fraction bits of the normalised mantissa and of the 1/sqrt iterate.
    pub internal_frac_bits: u32,
    /// The table also holds each seed's cube, so the first Newton step takes one product
    /// instead of three (fewer multipliers, a wider table).
    #[serde(default = "yes")]
    pub seed_cubes: bool,
    pub rounding: Rounding,
    /// Clamp results outside the output format instead of requiring the format to hold them.
    #[serde(default)]
    pub saturate: bool,
    /// Stages followed by a pipeline register (input and output are always registered).
    #[serde(default = "default_registers")]
    pub registers: Vec<Stage>,
    /// Clock target of the generated timing constraints (XDC, SDC) and place and route, in MHz.
    #[serde(default = "default_clock_mhz")]
    pub clock_mhz: f64,
}

fn yes() -> bool {
    true
}

fn default_clock_mhz() -> f64 {
    100.0
}

/// Every stage but `scale` (with alpha = 1 the scaling is an increment, folded into the square's
/// stage): 8 registers for one Newton step.
pub fn default_registers() -> Vec<Stage> {
    Stage::ALL
        .into_iter()
        .filter(|s| *s != Stage::Scale)
        .collect()
}

pub const TABLE_ADDRESS_BITS: std::ops::RangeInclusive<u32> = 1..=16;
pub const TABLE_VALUE_BITS: std::ops::RangeInclusive<u32> = 2..=32;
pub const NEWTON_STEPS: std::ops::RangeInclusive<u32> = 0..=3;
pub const INTERNAL_FRAC_BITS_MAX: u32 = 60;

impl Config {
    /// Parses and validates a TOML document.
    pub fn from_toml(text: &str) -> Result<Self, ConfigError> {
        let config: Config = toml::from_str(text)
            .map_err(|e| ConfigError::new(format!("invalid configuration: {}", e.message())))?;
        config.validate()?;
        Ok(config)
    }

    pub fn to_toml(&self) -> String {
        toml::to_string(self).expect("a configuration always serialises")
    }

    /// Applies `key=value` overrides (the value is read as TOML, or as a string when it is not
    /// valid TOML, so `input=16.12` and `rounding=faithful` both work), then validates.
    pub fn with_overrides(&self, overrides: &[String]) -> Result<Self, ConfigError> {
        let mut table = toml::Table::try_from(self).expect("a configuration always serialises");
        for item in overrides {
            let (key, value) = item.split_once('=').ok_or_else(|| {
                ConfigError::new(format!("invalid override '{item}': expected KEY=VALUE"))
            })?;
            let (key, value) = (key.trim(), value.trim());
            if !table.contains_key(key) {
                return Err(ConfigError::new(format!(
                    "invalid override '{item}': unknown key '{key}'"
                )));
            }
            let parsed = format!("v = {value}")
                .parse::<toml::Table>()
                .ok()
                .and_then(|mut t| t.remove("v"))
                // A float like 16.12 is meant as the format string "16.12".
                .filter(|v| !(key == "input" || key == "output") || v.is_str())
                .unwrap_or_else(|| toml::Value::String(value.to_string()));
            table.insert(key.to_string(), parsed);
        }
        let config: Config = table.try_into().map_err(|e: toml::de::Error| {
            ConfigError::new(format!("invalid configuration: {}", e.message()))
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Checks every rule; the message of the first rule broken is returned.
    pub fn validate(&self) -> Result<(), ConfigError> {
        let in_range = |name: &str, v: u32, r: std::ops::RangeInclusive<u32>| {
            if r.contains(&v) {
                Ok(())
            } else {
                Err(ConfigError::new(format!(
                    "{name} must be in {}..={}, got {v}",
                    r.start(),
                    r.end()
                )))
            }
        };
        in_range(
            "table_address_bits",
            self.table_address_bits,
            TABLE_ADDRESS_BITS,
        )?;
        in_range("table_value_bits", self.table_value_bits, TABLE_VALUE_BITS)?;
        in_range("newton_steps", self.newton_steps, NEWTON_STEPS)?;
        let p = self.internal_frac_bits;
        let p_min = (self.output.frac + 1)
            .max(self.table_address_bits)
            .max(self.table_value_bits);
        if !(p_min..=INTERNAL_FRAC_BITS_MAX).contains(&p) {
            return Err(ConfigError::new(format!(
                "internal_frac_bits must be in {p_min}..={INTERNAL_FRAC_BITS_MAX} (above the output's \
                 fraction bits and at least table_address_bits and table_value_bits), got {p}"
            )));
        }
        if !(self.clock_mhz > 0.0 && self.clock_mhz <= 1000.0) {
            return Err(ConfigError::new(format!(
                "clock_mhz must be in (0, 1000], got {}",
                self.clock_mhz
            )));
        }
        let mut seen = Vec::new();
        for stage in &self.registers {
            if seen.contains(stage) {
                return Err(ConfigError::new(format!(
                    "registers lists stage '{}' twice",
                    serde_json_name(*stage)
                )));
            }
            seen.push(*stage);
        }
        crate::golden::Datapath::check_widths(self)?;
        self.check_output_range()
    }

    /// Without saturation, every output the core can produce must fit the output format: the
    /// largest magnitude over the input format, rounded up, must be representable (so a
    /// faithful result, one ulp above the correctly rounded one, fits too).
    fn check_output_range(&self) -> Result<(), ConfigError> {
        if self.saturate {
            return Ok(());
        }
        let exact = crate::Exact::new(self);
        for x in [self.input.min_code(), self.input.max_code()] {
            let (lo, hi) = exact.bracket(x);
            if !self.output.contains(lo) || !self.output.contains(hi) {
                return Err(ConfigError::new(format!(
                    "output format {} cannot hold {}({}) = {:.6} for the input format {}; \
                     widen the output or set saturate = true",
                    self.output,
                    self.function,
                    self.input.value(x),
                    exact.value(x),
                    self.input
                )));
            }
        }
        Ok(())
    }
}

fn serde_json_name(stage: Stage) -> String {
    toml::Value::try_from(stage)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
