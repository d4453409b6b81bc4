//! Software side of the ISRU/ISRLU core generator: the configuration ([`Config`]), the
//! bit-accurate golden model ([`golden::Datapath`]), the exact reference ([`Exact`]) and the
//! accuracy metrics ([`metrics`]).
//!
//! ISRU(x) = x / sqrt(1 + alpha x^2); ISRLU(x) = x for x >= 0, ISRU(x) otherwise
//! (Carlile et al., arXiv 1710.09967).

pub mod alpha;
pub mod config;
pub mod exact;
pub mod format;
pub mod golden;
pub mod metrics;
pub mod pipeline;
pub mod presets;

use std::fmt;

pub use alpha::Alpha;
pub use config::{Config, Function, Rounding, Stage};
pub use exact::Exact;
pub use format::Format;
pub use golden::Datapath;
pub use presets::{DEFAULT_PRESET, PRESETS, preset};

/// A configuration the generator refuses, with the exact reason.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(String);

impl ConfigError {
    pub fn new(message: impl Into<String>) -> Self {
        ConfigError(message.into())
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}
