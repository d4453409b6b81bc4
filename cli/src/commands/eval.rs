//! `isrlu eval`: golden-model and exact output codes as CSV.

use isrlu_sw::{Datapath, Exact};

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Evaluate the golden model and the exact reference on input codes, as CSV
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Codes are two's complement integers, e.g. -2048 is -0.5 in format 16.12.\n\
Prints `input_code,output_code,exact_code` (output of the golden model, correctly rounded true value).\n\n\
Examples:\n  isrlu eval --preset isrlu16 -- -2048 -6144 100\n  isrlu eval --preset isrlu8 --all"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Every code of the input format, in increasing order
    #[arg(long, conflicts_with = "codes")]
    all: bool,
    /// Input codes (signed decimal); put `--` before the first negative one
    #[arg(required_unless_present = "all", allow_negative_numbers = true)]
    codes: Vec<i64>,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    let codes: Vec<i64> = if args.all {
        (config.input.min_code()..=config.input.max_code()).collect()
    } else {
        for &c in &args.codes {
            config.input.check_input_code(c)?;
        }
        args.codes
    };
    let model = Datapath::new(&config);
    let exact = Exact::new(&config);
    with_stdout(|out| {
        writeln!(out, "input_code,output_code,exact_code")?;
        for x in codes {
            writeln!(out, "{x},{},{}", model.eval(x), exact.rounded(x))?;
        }
        Ok(())
    })
}
