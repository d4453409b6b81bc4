//! `isrlu presets`: every compiled-in preset with its full parameters.

use isrlu_sw::{Datapath, PRESETS, preset};

use crate::CliError;
use crate::output::with_stdout;

/// List the compiled-in presets with their full parameters
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Example:\n  isrlu presets\n  isrlu config --preset isru16   # one preset as TOML"
)]
pub struct Args {}

pub fn run(_: Args) -> Result<(), CliError> {
    let mut rows = Vec::new();
    for (name, about) in PRESETS {
        let c = preset(name)?;
        let table = Datapath::new(&c).table;
        rows.push((name, about, c, table));
    }
    with_stdout(|out| {
        writeln!(
            out,
            "{:<8} {:<6} {:>5} {:>6} {:>6} {:>13} {:>6} {:>8} {:<8} {:<8}",
            "name",
            "func",
            "alpha",
            "input",
            "output",
            "table",
            "newton",
            "internal",
            "rounding",
            "saturate"
        )?;
        for (name, _, c, table) in &rows {
            writeln!(
                out,
                "{:<8} {:<6} {:>5} {:>6} {:>6} {:>13} {:>6} {:>8} {:<8} {:<8}",
                name,
                c.function.to_string(),
                c.alpha.to_string(),
                c.input.to_string(),
                c.output.to_string(),
                format!("{}x{} bit", table.len(), table.value_bits),
                c.newton_steps,
                c.internal_frac_bits,
                c.rounding.to_string(),
                c.saturate
            )?;
        }
        writeln!(out)?;
        for (name, about, _, _) in &rows {
            writeln!(out, "{name:<8} {about}")?;
        }
        writeln!(
            out,
            "\nFormats are TOTAL.FRAC two's complement; `isrlu config --preset NAME` prints one as TOML."
        )
    })
}
