//! `isrlu accuracy`: the golden model against the exact reference.

use isrlu_sw::metrics::{Accuracy, Inputs, accuracy};
use isrlu_sw::{Config, Datapath};

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Measure the golden model's error against the exact reference (every input up to 24 bits)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  isrlu accuracy --preset isru16\n  isrlu accuracy --preset isru24 --json\n  isrlu accuracy --set rounding=faithful --set table_address_bits=6"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Print one JSON object instead of text
    #[arg(long)]
    json: bool,
    /// Random inputs to draw when the input has more than 24 bits
    #[arg(long, default_value_t = 1 << 24)]
    samples: u64,
    /// Seed of the random inputs
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    let model = Datapath::new(&config);
    let inputs = Inputs::default_for(&config, args.samples, args.seed);
    let acc = accuracy(&config, inputs, |x| model.eval(x));
    if args.json {
        // The metrics at the top level (the documented keys), with the configuration and the
        // metrics again as one object for tools that want them grouped.
        let metrics = serde_json::to_value(&acc).expect("accuracy serialises");
        let mut json = metrics.clone();
        json["config"] = serde_json::to_value(&config).expect("configuration serialises");
        json["accuracy"] = metrics;
        with_stdout(|out| writeln!(out, "{json}"))
    } else {
        with_stdout(|out| out.write_all(text(&config, &acc).as_bytes()))
    }
}

fn text(config: &Config, a: &Accuracy) -> String {
    let mut s = format!(
        "{} alpha={} {} -> {}, table {}x{} bit, {} Newton step(s), {} internal fraction bits, rounding {}\n",
        config.function,
        config.alpha,
        config.input,
        config.output,
        1u32 << config.table_address_bits,
        config.table_value_bits,
        config.newton_steps,
        config.internal_frac_bits,
        config.rounding
    );
    let how = match a.sampling {
        Inputs::All => "every input".to_string(),
        Inputs::Random { seed, .. } => format!("random inputs, seed {seed}"),
    };
    s += &format!("inputs             {} ({how})\n", a.inputs);
    s += &format!("max |error|        {:.4} ulp\n", a.max_err_ulp);
    s += &format!("mean |error|       {:.4} ulp\n", a.mean_abs_err_ulp);
    s += &format!("rms error          {:.4} ulp\n", a.rms_err_ulp);
    s += &format!("bias               {:+.5} ulp\n", a.bias_ulp);
    s += &format!(
        "correctly rounded  {:.4} % ({})\n",
        a.correctly_rounded_pct, a.correctly_rounded
    );
    s += &format!(
        "faithful           {:.4} % ({})\n",
        a.faithful_pct, a.faithful
    );
    s += &format!("SQNR               {:.2} dB\n", a.sqnr_db);
    s += "worst inputs (code, value, output, exact, error ulp):\n";
    for w in a.worst.iter().take(5) {
        s += &format!(
            "  {:>10} {:>12.6} {:>10} {:>10} {:+.4}\n",
            w.input_code, w.input, w.output_code, w.exact_code, w.err_ulp
        );
    }
    s += &histogram_text(a);
    s
}

/// The histogram folded to 1/8-ulp bars, only the non-empty ones.
fn histogram_text(a: &Accuracy) -> String {
    let h = &a.histogram;
    let fold = 4;
    let mut s = String::from("error histogram (ulp):\n");
    if h.below > 0 {
        s += &format!("  < {:+.3}: {}\n", h.first_edge_ulp, h.below);
    }
    let max = h
        .counts
        .chunks(fold)
        .map(|c| c.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1);
    for (i, c) in h.counts.chunks(fold).enumerate() {
        let n: u64 = c.iter().sum();
        if n == 0 {
            continue;
        }
        let lo = h.first_edge_ulp + (i * fold) as f64 * h.bin_width_ulp;
        let bar = "#".repeat(((n * 40).div_ceil(max)) as usize);
        s += &format!(
            "  [{:+.3}, {:+.3}) {:>9} {bar}\n",
            lo,
            lo + fold as f64 * h.bin_width_ulp,
            n
        );
    }
    if h.above > 0 {
        s += &format!(
            "  >= {:+.3}: {}\n",
            h.first_edge_ulp + h.counts.len() as f64 * h.bin_width_ulp,
            h.above
        );
    }
    s
}
