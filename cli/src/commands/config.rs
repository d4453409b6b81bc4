//! `isrlu config`: the resolved configuration as TOML, ready for `--config`.

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Print the resolved configuration (preset or file, plus overrides) as TOML
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  isrlu config --preset isru16 > my.toml\n  isrlu config --config my.toml --set rounding=faithful --set newton_steps=2"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    with_stdout(|out| out.write_all(config.to_toml().as_bytes()))
}
