//! `report.md`: the report as tables a person reads.

use std::fmt::Write;

use crate::fpga::Area;
use crate::report::{AreaEntry, Report, Section};

fn area_row(out: &mut String, what: &str, e: &AreaEntry) {
    match &e.area {
        Section::Ok(a) => {
            let Area {
                luts,
                ffs,
                dsps,
                brams,
                carries,
                muxes,
                ..
            } = a;
            let _ = writeln!(
                out,
                "| {what} | {} | {luts} | {ffs} | {dsps} | {brams} | {carries} | {muxes} |",
                e.family.name()
            );
        }
        Section::Missing(why) => {
            let _ = writeln!(
                out,
                "| {what} | {} | missing: {why} ||||||",
                e.family.name()
            );
        }
    }
}

pub fn markdown(r: &Report) -> String {
    let c = &r.config;
    let a = &r.accuracy;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "# {}: {} alpha={} {} -> {}\n",
        r.module, c.function, c.alpha, c.input, c.output
    );
    let _ = writeln!(
        s,
        "Seed table {}x{} bit, {} Newton step(s), {} internal fraction bits, {} rounding, latency {} cycles, clock target {} MHz.\n",
        1u32 << c.table_address_bits,
        c.table_value_bits,
        c.newton_steps,
        c.internal_frac_bits,
        c.rounding,
        r.latency_cycles,
        c.clock_mhz
    );
    if !r.missing.is_empty() {
        let _ = writeln!(
            s,
            "**Missing tools** (their sections are marked missing):\n"
        );
        for m in &r.missing {
            let _ = writeln!(s, "- {m}");
        }
        s.push('\n');
    }
    let _ = writeln!(
        s,
        "## Accuracy (golden model against the exact reference, {} inputs)\n",
        a.inputs
    );
    let _ = writeln!(
        s,
        "| max error | mean abs error | RMS | bias | correctly rounded | faithful | SQNR |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    let _ = writeln!(
        s,
        "| {:.4} ulp | {:.4} ulp | {:.4} ulp | {:+.2e} ulp | {:.4} % | {:.4} % | {:.2} dB |\n",
        a.max_err_ulp,
        a.mean_abs_err_ulp,
        a.rms_err_ulp,
        a.bias_ulp,
        a.correctly_rounded_pct,
        a.faithful_pct,
        a.sqnr_db
    );
    for p in r
        .plots
        .iter()
        .filter(|p| p.ends_with(".png") || !r.plots.iter().any(|q| q.ends_with(".png")))
    {
        let _ = writeln!(s, "![{p}]({p})\n");
    }
    let _ = writeln!(s, "## Cross-check\n");
    match &r.cross_check {
        Section::Ok(x) => {
            let _ = writeln!(
                s,
                "{} samples, {} cycles ({:.0} % input gaps, {:.0} % backpressure): cycle simulator = golden model: **{}**; Verilator running the emitted Verilog = cycle simulator in every cycle: **{}**.{}\n",
                x.samples,
                x.cycles,
                100.0 * x.gap_prob,
                100.0 * x.stall_prob,
                x.simulator_equals_golden,
                x.verilator_equals_simulator,
                x.first_difference
                    .as_ref()
                    .map(|d| format!(" First difference: {d}"))
                    .unwrap_or_default()
            );
        }
        Section::Missing(why) => {
            let _ = writeln!(s, "Missing: {why}\n");
        }
    }
    let _ = writeln!(s, "## Latency and throughput (cycle simulator)\n");
    let _ = writeln!(
        s,
        "| input gaps | backpressure | samples | latency min | max | mean | throughput (samples/cycle) |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|");
    for run in [&r.back_to_back, &r.backpressure] {
        let _ = writeln!(
            s,
            "| {:.0} % | {:.0} % | {} | {} | {} | {:.2} | {:.4} |",
            100.0 * run.gap_prob,
            100.0 * run.stall_prob,
            run.samples,
            run.latency_min,
            run.latency_max,
            run.latency_mean,
            run.throughput
        );
    }
    let _ = writeln!(s, "\n## Area (Yosys)\n");
    let _ = writeln!(
        s,
        "| design | family | LUT | FF | DSP | BRAM | carry | mux |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    for e in &r.area {
        area_row(&mut s, &r.module, e);
    }
    for b in &r.baselines {
        for e in &b.area {
            area_row(&mut s, b.kind.name(), e);
        }
    }
    let _ = writeln!(
        s,
        "\nFamilies: ice40 = `synth_ice40 -dsp` (UP5K), xilinx7 = `synth_xilinx`, ecp5 = `synth_ecp5`.\n"
    );
    let _ = writeln!(
        s,
        "## Maximum clock frequency (iCE40, board wrapper, nextpnr-ice40 + icetime)\n"
    );
    let _ = writeln!(
        s,
        "| device | fits | logic cells | DSP | nextpnr MHz | icetime MHz |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|");
    let pair = |p: Option<(u64, u64)>| {
        p.map(|(u, a)| format!("{u} / {a}"))
            .unwrap_or_else(|| "-".into())
    };
    let mhz = |m: Option<f64>| m.map(|m| format!("{m:.2}")).unwrap_or_else(|| "-".into());
    for t in &r.timing {
        match &t.timing {
            Section::Ok(x) => {
                let fits = if x.fits {
                    "yes".to_string()
                } else {
                    format!("no: {}", x.error.clone().unwrap_or_default())
                };
                let _ = writeln!(
                    s,
                    "| {} | {fits} | {} | {} | {} | {} |",
                    t.device.name(),
                    pair(x.logic_cells),
                    pair(x.dsps),
                    mhz(x.nextpnr_mhz),
                    mhz(x.icetime_mhz)
                );
            }
            Section::Missing(why) => {
                let _ = writeln!(s, "| {} | missing: {why} |||||", t.device.name());
            }
        }
    }
    let _ = writeln!(
        s,
        "\nnextpnr-ice40 0.4 does not time paths through SB_MAC16; icetime does.\n"
    );
    let _ = writeln!(s, "## Baselines (same function and formats)\n");
    let _ = writeln!(
        s,
        "| design | entries | storage bits | max error | mean abs error | correctly rounded | faithful | SQNR |"
    );
    let _ = writeln!(s, "|---|---|---|---|---|---|---|---|");
    let table = isrlu_sw::Datapath::new(c).table;
    let _ = writeln!(
        s,
        "| {} (this core) | {} | {} | {:.4} ulp | {:.4} ulp | {:.4} % | {:.4} % | {:.2} dB |",
        r.module,
        table.len(),
        table.bits(),
        a.max_err_ulp,
        a.mean_abs_err_ulp,
        a.correctly_rounded_pct,
        a.faithful_pct,
        a.sqnr_db
    );
    for b in &r.baselines {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {:.4} ulp | {:.4} ulp | {:.4} % | {:.4} % | {:.2} dB |",
            b.kind.name(),
            b.entries,
            b.storage_bits,
            b.max_err_ulp,
            b.mean_abs_err_ulp,
            b.correctly_rounded_pct,
            b.faithful_pct,
            b.sqnr_db
        );
    }
    for n in &r.notes {
        let _ = writeln!(s, "\nNote: {n}");
    }
    s
}
