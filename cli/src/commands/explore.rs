//! `isrlu explore`: the cheapest configuration that meets an accuracy target, and the Pareto
//! front of accuracy against area and latency.

use std::path::PathBuf;

use isrlu_sw::{Alpha, Config, Format, Function, Rounding};
use isrlu_testbench::explore::{self, BRAM_LUTS, DSP_LUTS, Target};
use isrlu_testbench::fpga::Family;

use crate::CliError;
use crate::output::with_stdout;

/// Sweep table size, seed width, Newton steps, internal width, rounding and architecture; print
/// the cheapest configuration meeting the target
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Writes into DIR: points.csv (every point), front.csv and front.json (the Pareto front of max\n\
error, cost and latency), front.svg/png, best.toml (the cheapest core, for `isrlu gen --config`)\n\
and cache/ (per-point results: a rerun resumes). Cost = LUT + 64 DSP + 64 BRAM on the family.\n\n\
Examples:\n  isrlu explore --function isru --in 16.12 --out 16.15 -o explore/isru16\n  \
isrlu explore --function isrlu --in 8.4 --out 8.4 --target faithful --family ice40 -o explore/isrlu8"
)]
pub struct Args {
    #[arg(long)]
    function: String,
    /// Input format W.F
    #[arg(long = "in", value_name = "W.F")]
    input: String,
    /// Output format W.F
    #[arg(long = "out", value_name = "W.F")]
    output: String,
    #[arg(long, default_value_t = 1.0)]
    alpha: f64,
    /// correct (every output correctly rounded), faithful, or ulp=X (max error X >= 0.5)
    #[arg(long, default_value = "correct")]
    target: String,
    /// FPGA family the area is measured on
    #[arg(long, default_value = "xilinx7")]
    family: String,
    /// Largest number of Newton steps swept (0 to 2)
    #[arg(long, default_value_t = 2, value_parser = clap::value_parser!(u32).range(0..=2))]
    max_newton_steps: u32,
    /// Largest table address width swept (1 to 12)
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=12))]
    max_table_bits: u32,
    /// Output directory
    #[arg(
        short = 'o',
        long = "dir",
        value_name = "DIR",
        default_value = "explore"
    )]
    dir: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let target = Target::parse(&args.target).map_err(CliError::new)?;
    let family = Family::parse(&args.family).map_err(CliError::new)?;
    let function: Function = match args.function.as_str() {
        "isru" => Function::Isru,
        "isrlu" => Function::Isrlu,
        f => {
            return Err(CliError::new(format!(
                "unknown function '{f}' (known: isru, isrlu)"
            )));
        }
    };
    let input: Format = args.input.parse()?;
    let output: Format = args.output.parse()?;
    // A placeholder core: the sweep replaces every table and width parameter; validating it
    // checks the formats and alpha before any work starts.
    let base = Config {
        function,
        alpha: Alpha::from_f64(args.alpha)?,
        input,
        output,
        table_address_bits: 1,
        table_value_bits: 2,
        newton_steps: 0,
        internal_frac_bits: output.frac + 1,
        seed_cubes: false,
        rounding: Rounding::Nearest,
        saturate: false,
        registers: isrlu_sw::config::default_registers(),
        clock_mhz: 100.0,
    };
    base.validate()?;
    std::fs::create_dir_all(&args.dir).map_err(|e| {
        CliError::new(format!(
            "cannot create directory '{}': {e}",
            args.dir.display()
        ))
    })?;
    let limits = explore::Limits {
        newton_steps: args.max_newton_steps,
        table_bits: args.max_table_bits,
    };
    let run = explore::explore(&base, target, limits, family, &args.dir).map_err(CliError::new)?;
    let title = format!("{function} {input} -> {output}");
    let best = explore::write_results(&run.points, &title, &args.dir).map_err(CliError::new)?;
    let front = run.points.iter().filter(|p| p.on_front).count();
    with_stdout(|out| {
        writeln!(
            out,
            "{} points ({} from the cache), {front} on the Pareto front; cost = LUT + {DSP_LUTS} DSP + {BRAM_LUTS} BRAM on {}",
            run.points.len(),
            run.cached,
            family.name()
        )?;
        if let Some(b) = &best {
            writeln!(
                out,
                "cheapest: {} (cost {}: {} LUT, {} FF, {} DSP, {} BRAM, latency {}, max error {:.4} ulp)",
                b.architecture,
                b.cost,
                b.luts,
                b.ffs,
                b.dsps,
                b.brams,
                b.latency_cycles,
                b.max_err_ulp
            )?;
        }
        if let Some(b) = run
            .points
            .iter()
            .filter(|p| !p.config.is_empty())
            .min_by_key(|p| p.cost)
        {
            writeln!(
                out,
                "cheapest core, written to {}:",
                args.dir.join("best.toml").display()
            )?;
            out.write_all(b.config.as_bytes())?;
        }
        Ok(())
    })
}
