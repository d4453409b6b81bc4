//! `isrlu sim`: the cycle-accurate simulator from the command line.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::Instant;

use isrlu_sim::stimulus::Stimulus;
use isrlu_sim::{Simulator, batch, vcd_out};
use isrlu_sw::pipeline::Plan;
use isrlu_sw::{Config, Datapath};

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Simulate the pipeline cycle by cycle (bit- and cycle-exact with the emitted Verilog)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Prints `cycle,output_code` for every output transfer, then a summary (lines starting with #).\n\
The source follows AXI-Stream: with --gap-prob it skips offering a new sample on that share of\n\
cycles; --stall-prob holds m_axis_tready low on that share of cycles.\n\n\
Examples:\n  isrlu sim --random 20 --gap-prob 0.2 --stall-prob 0.3\n  \
isrlu sim --preset isru16 --inputs codes.txt --vcd wave.vcd\n  \
isrlu sim --preset isru24 --all --streams 64 --summary    # batch mode on all cores"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Input codes, one signed decimal per line (blank lines and # comments are skipped)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["random", "all"])]
    inputs: Option<PathBuf>,
    /// N random input codes [default: 1000]
    #[arg(long, value_name = "N", conflicts_with = "all")]
    random: Option<u64>,
    /// Every input code, in increasing order
    #[arg(long)]
    all: bool,
    /// Seed of the random codes, gaps and stalls
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Probability that the source offers no new sample in a cycle
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    gap_prob: f64,
    /// Probability that m_axis_tready is low in a cycle
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    stall_prob: f64,
    /// Write a VCD waveform of every port and pipeline register
    #[arg(long, value_name = "FILE", conflicts_with = "streams")]
    vcd: Option<PathBuf>,
    /// Only the summary
    #[arg(long)]
    summary: bool,
    /// Batch mode: split the inputs into this many independent streams, simulated on all cores
    #[arg(long, value_name = "N")]
    streams: Option<usize>,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    for (name, p) in [
        ("--gap-prob", args.gap_prob),
        ("--stall-prob", args.stall_prob),
    ] {
        if !(0.0..1.0).contains(&p) {
            return Err(CliError::new(format!("{name} must be in [0, 1), got {p}")));
        }
    }
    let codes = match (&args.inputs, args.all) {
        (Some(path), _) => read_codes(path, &config)?,
        (None, true) => (config.input.min_code()..=config.input.max_code()).collect(),
        (None, false) => {
            let count = args.random.unwrap_or(1000);
            isrlu_sw::metrics::Inputs::Random {
                count,
                seed: args.seed,
            }
            .codes(&config)
        }
    };
    let plan = Plan::new(&config);
    let golden = Datapath::new(&config);
    if let Some(streams) = args.streams {
        let run = batch::run(
            &plan,
            &codes,
            streams.max(1),
            args.gap_prob,
            args.stall_prob,
            args.seed,
        );
        let equal = run
            .outputs
            .iter()
            .zip(&codes)
            .filter(|(q, x)| **q == golden.eval(**x))
            .count();
        return with_stdout(|out| {
            if !args.summary {
                for (x, q) in codes.iter().zip(&run.outputs) {
                    writeln!(out, "{x},{q}")?;
                }
            }
            writeln!(
                out,
                "# batch: {} streams, {} samples, {} cycles in {:.3} s on {} threads = {:.1} M cycles/s",
                run.streams,
                run.outputs.len(),
                run.cycles,
                run.seconds,
                rayon::current_num_threads(),
                run.cycles as f64 / run.seconds / 1e6
            )?;
            writeln!(
                out,
                "# outputs equal to the golden model: {equal} of {}",
                codes.len()
            )
        });
    }
    let drain = plan.registers() + 4;
    let stim = Stimulus::random(codes, args.gap_prob, args.stall_prob, args.seed, drain);
    let mut sim = Simulator::new(plan.clone());
    let start = Instant::now();
    let trace = match &args.vcd {
        Some(path) => write_vcd(path, &mut sim, &stim)?,
        None => sim.run(&stim),
    };
    let seconds = start.elapsed().as_secs_f64();
    let mut source = stim.source();
    let (mut in_cycles, mut lat, mut outputs) = (VecDeque::new(), (usize::MAX, 0), Vec::new());
    for (c, cycle) in trace.iter().enumerate() {
        let inputs = stim.inputs(&mut source, c);
        if cycle.m_valid && inputs.m_ready {
            let c_in = in_cycles.pop_front().unwrap_or(c);
            lat = (lat.0.min(c - c_in), lat.1.max(c - c_in));
            outputs.push((c, config.output.wrap(cycle.m_data as i64)));
        }
        if inputs.s_valid && cycle.s_ready {
            in_cycles.push_back(c);
        }
        source.advance(cycle.s_ready);
    }
    let equal = outputs
        .iter()
        .zip(&stim.codes)
        .filter(|((_, q), x)| *q == golden.eval(**x))
        .count();
    with_stdout(|out| {
        if !args.summary {
            writeln!(out, "cycle,output_code")?;
            for (c, q) in &outputs {
                writeln!(out, "{c},{q}")?;
            }
        }
        writeln!(
            out,
            "# cycles {}, samples in {}, out {}, latency {}..{} cycles, throughput {:.4} samples/cycle",
            trace.len(),
            stim.codes.len(),
            outputs.len(),
            if outputs.is_empty() { 0 } else { lat.0 },
            lat.1,
            outputs.len() as f64 / trace.len() as f64
        )?;
        writeln!(
            out,
            "# outputs equal to the golden model: {equal} of {}",
            stim.codes.len()
        )?;
        writeln!(
            out,
            "# simulated in {:.3} s = {:.1} M cycles/s",
            seconds,
            trace.len() as f64 / seconds / 1e6
        )
    })
}

/// Reads codes, one per line; an error names the file and line.
fn read_codes(path: &Path, config: &Config) -> Result<Vec<i64>, CliError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| CliError::new(format!("cannot read inputs '{}': {e}", path.display())))?;
    let mut codes = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let item = line.split('#').next().unwrap_or("").trim();
        if item.is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), i + 1);
        let code: i64 = item.parse().map_err(|_| {
            CliError::new(format!(
                "{at}: '{item}' is not an input code (a signed decimal integer)"
            ))
        })?;
        let code = config
            .input
            .check_input_code(code)
            .map_err(|e| CliError::new(format!("{at}: {e}")))?;
        codes.push(code);
    }
    Ok(codes)
}

/// Simulates while writing the VCD to a temporary file, renamed only when complete.
fn write_vcd(
    path: &Path,
    sim: &mut Simulator,
    stim: &Stimulus,
) -> Result<isrlu_sim::trace::Trace, CliError> {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".partial-{}", std::process::id()));
    let temp = path.with_file_name(name);
    let fail = |e: std::io::Error| {
        let _ = std::fs::remove_file(&temp);
        CliError::new(format!("cannot write VCD '{}': {e}", path.display()))
    };
    let file = std::fs::File::create(&temp).map_err(fail)?;
    let top = "isrlu_core";
    let trace =
        vcd_out::run_with_vcd(sim, stim, std::io::BufWriter::new(file), top).map_err(fail)?;
    std::fs::rename(&temp, path).map_err(fail)?;
    Ok(trace)
}
