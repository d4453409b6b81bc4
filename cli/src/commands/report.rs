//! `isrlu report`: the core, and everything measured about it, in one directory.

use std::path::PathBuf;

use isrlu_testbench::fpga::Family;
use isrlu_testbench::report::{self, Section};

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Generate the core and measure it: accuracy, cross-check with Verilator, latency, throughput,
/// Yosys area, iCE40 Fmax, baselines, plots
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Writes into DIR: the core (NAME.v, NAME.json, NAME.xdc, NAME.sdc, NAME_board.v), report.json,\n\
report.md, errors.svg/png and histogram.svg/png. Progress goes to stderr. A missing tool (verilator,\n\
yosys, nextpnr-ice40, icetime) is named with how to install it, its sections are marked missing,\n\
and the exit code stays 0 unless --strict.\n\n\
Examples:\n  isrlu report -o out\n  isrlu report --preset isru16 --families xilinx7,ice40 -o out/isru16"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Top module name [default: the preset's name, or `isrlu_core` with --config]
    #[arg(long, value_name = "NAME")]
    top: Option<String>,
    /// FPGA families to synthesize for (ice40 also places and routes)
    #[arg(long, value_delimiter = ',', default_value = "ice40,xilinx7,ecp5")]
    families: Vec<String>,
    /// Output directory
    #[arg(short, long, value_name = "DIR", default_value = "out")]
    out: PathBuf,
    /// Exit with code 1 when a tool is missing
    #[arg(long)]
    strict: bool,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    let families: Vec<Family> = args
        .families
        .iter()
        .map(|f| Family::parse(f.trim()))
        .collect::<Result<_, _>>()
        .map_err(CliError::new)?;
    let name = args.source.module_name(args.top.as_deref());
    crate::commands::generate::write_core(&config, &name, &args.out)?;
    let r = report::build(&config, &name, &families, &args.out).map_err(CliError::new)?;
    let files = report::write(&r, &args.out).map_err(CliError::new)?;
    for m in &r.missing {
        eprintln!("missing: {m}");
    }
    let a = &r.accuracy;
    with_stdout(|out| {
        writeln!(
            out,
            "{name}: {} {} -> {}, latency {} cycles",
            config.function, config.input, config.output, r.latency_cycles
        )?;
        writeln!(
            out,
            "accuracy: max {:.4} ulp, {:.4} % correctly rounded, SQNR {:.2} dB ({} inputs)",
            a.max_err_ulp, a.correctly_rounded_pct, a.sqnr_db, a.inputs
        )?;
        if let Section::Ok(x) = &r.cross_check {
            writeln!(
                out,
                "cross-check: simulator = golden {}, Verilator = simulator {}",
                x.simulator_equals_golden, x.verilator_equals_simulator
            )?;
        }
        for e in &r.area {
            if let Section::Ok(a) = &e.area {
                writeln!(
                    out,
                    "area {}: {} LUT, {} FF, {} DSP, {} BRAM",
                    e.family.name(),
                    a.luts,
                    a.ffs,
                    a.dsps,
                    a.brams
                )?;
            }
        }
        for t in &r.timing {
            if let Section::Ok(x) = &t.timing {
                match x.icetime_mhz {
                    Some(m) if x.fits => {
                        writeln!(out, "fmax {}: {m:.2} MHz (icetime)", t.device.name())?
                    }
                    _ => writeln!(
                        out,
                        "fmax {}: does not fit ({})",
                        t.device.name(),
                        x.error.clone().unwrap_or_default()
                    )?,
                }
            }
        }
        for f in &files {
            writeln!(out, "wrote {}", f.display())?;
        }
        Ok(())
    })?;
    if args.strict && !r.missing.is_empty() {
        return Err(CliError::with_code(
            1,
            format!("{} tool(s) missing (--strict)", r.missing.len()),
        ));
    }
    Ok(())
}
