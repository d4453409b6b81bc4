//! Where a command's configuration comes from: a preset, a TOML file, and `--set` overrides.

use std::path::PathBuf;

use clap::Args;
use isrlu_sw::{Config, DEFAULT_PRESET, preset};

use crate::CliError;

#[derive(Args, Debug, Clone)]
pub struct ConfigSource {
    /// A compiled-in preset (see `isrlu presets`) [default: isrlu16]
    #[arg(long, value_name = "NAME", conflicts_with = "config")]
    pub preset: Option<String>,
    /// A TOML configuration file (see `isrlu config` for the keys)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Override one key of the configuration, e.g. --set rounding=faithful (repeatable)
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub overrides: Vec<String>,
}

impl ConfigSource {
    /// The top module name: `top` if given, else the preset's name, or `isrlu_core` for a file.
    pub fn module_name(&self, top: Option<&str>) -> String {
        match (top, &self.config) {
            (Some(top), _) => top.to_string(),
            (None, Some(_)) => "isrlu_core".to_string(),
            (None, None) => self.preset.clone().unwrap_or_else(|| DEFAULT_PRESET.into()),
        }
    }

    pub fn load(&self) -> Result<Config, CliError> {
        let base = match &self.config {
            Some(path) => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    CliError::new(format!(
                        "cannot read configuration '{}': {e}",
                        path.display()
                    ))
                })?;
                Config::from_toml(&text)
                    .map_err(|e| CliError::new(format!("{}: {e}", path.display())))?
            }
            None => preset(self.preset.as_deref().unwrap_or(DEFAULT_PRESET))?,
        };
        if self.overrides.is_empty() {
            Ok(base)
        } else {
            Ok(base.with_overrides(&self.overrides)?)
        }
    }
}
