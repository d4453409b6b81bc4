//! Searches the cheapest seed table / Newton steps / internal width for each preset's formats:
//! for every (Newton steps, table address bits) the smallest internal width and value width
//! whose golden model is 100% correctly rounded (nearest) or 100% faithful (faithful),
//! checked over every input. Run: `cargo run --release -p isrlu-sw --example search_presets`.

use isrlu_sw::{Config, Datapath, Exact, PRESETS, Rounding, preset};
use rayon::prelude::*;

fn main() {
    let only: Vec<String> = std::env::args().skip(1).collect();
    for (name, _) in PRESETS {
        if !only.is_empty() && !only.iter().any(|o| o == name) {
            continue;
        }
        let base = preset(name).unwrap();
        let exact = Exact::new(&base);
        let codes: Vec<i64> = (base.input.min_code()..=base.input.max_code()).collect();
        let reference: Vec<(i64, i64, i64)> = codes
            .par_iter()
            .map(|&x| {
                let (lo, hi) = exact.bracket(x);
                (exact.rounded(x), lo, hi)
            })
            .collect();
        for rounding in [Rounding::Nearest, Rounding::Faithful] {
            println!("{name} {rounding}:");
            for steps in 0..=2u32 {
                let mut best_p = u32::MAX;
                for k in 1..=12u32 {
                    let found = (base.output.frac + 1..=base.output.frac + 10).find_map(|p| {
                        (k + 1..=(k + 5).min(p)).find_map(|v| {
                            let c = Config {
                                table_address_bits: k,
                                table_value_bits: v,
                                newton_steps: steps,
                                internal_frac_bits: p,
                                rounding,
                                ..base.clone()
                            };
                            c.validate().ok()?;
                            passes(&c, &codes, &reference).then_some((p, v))
                        })
                    });
                    if let Some((p, v)) = found.filter(|&(p, _)| p < best_p) {
                        best_p = p;
                        println!(
                            "  steps {steps} table {k}x{v} (bits {}) internal {p}",
                            (1u64 << k) * u64::from(v)
                        );
                    }
                }
            }
        }
    }
}

fn passes(c: &Config, codes: &[i64], reference: &[(i64, i64, i64)]) -> bool {
    let model = Datapath::new(c);
    codes.par_iter().zip(reference).all(|(&x, &(r, lo, hi))| {
        let q = model.eval(x);
        match c.rounding {
            Rounding::Nearest => q == r,
            Rounding::Faithful => q == lo || q == hi,
        }
    })
}
