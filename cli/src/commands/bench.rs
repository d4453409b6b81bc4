//! `isrlu bench`: golden-model throughput, measured on every input of a preset on all cores.

use std::time::Instant;

use isrlu_sw::Datapath;
use rayon::prelude::*;

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

const CHUNK: i64 = 1 << 14;

/// Measure the golden model's throughput (evaluations per second, all cores)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  isrlu bench --preset isru24\n  isrlu bench --preset isru16 --simulators   # needs verilator"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Passes over the whole input space (the best pass is reported)
    #[arg(long, default_value_t = 3)]
    passes: u32,
    /// Also compare the cycle simulator with Verilator and rust-hdl's simulator on this core
    #[arg(long)]
    simulators: bool,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    let model = Datapath::new(&config);
    let (lo, hi) = (config.input.min_code(), config.input.max_code());
    let n = config.input.count();
    // Small input spaces are swept several times per pass so that a pass lasts long enough to time.
    let sweeps = (1u64 << 24).div_ceil(n).max(1) as i64;
    let chunks = (hi - lo + CHUNK) / CHUNK;
    let mut best = f64::INFINITY;
    let mut checksum = 0i64;
    for _ in 0..args.passes.max(1) {
        let start = Instant::now();
        checksum = (0..chunks * sweeps)
            .into_par_iter()
            .map(|c| c % chunks)
            .map(|c| {
                let start = lo + c * CHUNK;
                (start..(start + CHUNK).min(hi + 1))
                    .map(|x| model.eval(x))
                    .fold(0, i64::wrapping_add)
            })
            .reduce(|| 0, i64::wrapping_add);
        best = best.min(start.elapsed().as_secs_f64());
    }
    let evaluations = n * sweeps as u64;
    with_stdout(|out| {
        writeln!(
            out,
            "golden model {} ({} -> {}): {evaluations} evaluations ({sweeps} x {n} inputs) in {:.3} s on {} threads = {:.1} M evaluations/s (checksum {checksum})",
            config.function,
            config.input,
            config.output,
            best,
            rayon::current_num_threads(),
            evaluations as f64 / best / 1e6
        )
    })?;
    if args.simulators {
        simulators(&config)?;
    }
    Ok(())
}

fn simulators(config: &isrlu_sw::Config) -> Result<(), CliError> {
    let dir = std::env::temp_dir().join("isrlu-bench-verilator");
    let s =
        isrlu_testbench::speed::measure(config, 2_000_000, 2_000, &dir).map_err(CliError::new)?;
    with_stdout(|out| {
        writeln!(
            out,
            "simulators ({} -> {}, 10% input gaps, 30% backpressure, one thread each):",
            config.input, config.output
        )?;
        writeln!(
            out,
            "  cycle simulator  {:>12.0} cycles/s ({} cycles)",
            s.simulator_cps, s.cycles
        )?;
        writeln!(
            out,
            "  Verilator -O3    {:>12.0} cycles/s ({} cycles)",
            s.verilator_cps, s.cycles
        )?;
        writeln!(
            out,
            "  rust-hdl         {:>12.0} cycles/s ({} cycles)",
            s.rust_hdl_cps, s.rust_hdl_cycles
        )?;
        writeln!(
            out,
            "  ratio: {:.2}x Verilator, {:.0}x rust-hdl; traces cycle-exact: {}",
            s.simulator_cps / s.verilator_cps,
            s.simulator_cps / s.rust_hdl_cps,
            s.traces_equal
        )
    })
}
