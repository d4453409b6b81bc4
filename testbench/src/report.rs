//! `isrlu report`: every measurement of one core in one run, written as `report.json` (schema in
//! the README), `report.md` and plots. A section whose tool is missing is marked missing with
//! the reason (and how to install the tool); the rest is still measured.

use std::path::{Path, PathBuf};
use std::time::Instant;

use isrlu_sim::Simulator;
use isrlu_sw::metrics::{Accuracy, Inputs, accuracy};
use isrlu_sw::pipeline::Plan;
use isrlu_sw::{Config, Datapath, Exact};
use rayon::prelude::*;
use serde::Serialize;

use crate::baseline::{self, Kind};
use crate::fpga::{self, Area, Device, Family, Timing};
use crate::plots::{self, ErrorBand};
use crate::verilator::Model;
use crate::{Stimulus, check};

/// A measured section, or why it could not be measured.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", content = "value", rename_all = "lowercase")]
pub enum Section<T> {
    Ok(T),
    Missing(String),
}

impl<T> Section<T> {
    fn from(r: Result<T, String>) -> Self {
        match r {
            Ok(v) => Section::Ok(v),
            Err(e) => Section::Missing(e),
        }
    }

    pub fn ok(&self) -> Option<&T> {
        match self {
            Section::Ok(v) => Some(v),
            Section::Missing(_) => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct CrossCheck {
    pub samples: usize,
    pub cycles: usize,
    pub gap_prob: f64,
    pub stall_prob: f64,
    /// Every output of the cycle simulator equals the golden model's code for its input.
    pub simulator_equals_golden: bool,
    /// Verilator's run of the emitted Verilog equals the cycle simulator in every cycle.
    pub verilator_equals_simulator: bool,
    pub first_difference: Option<String>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Run {
    pub gap_prob: f64,
    pub stall_prob: f64,
    pub samples: usize,
    pub latency_min: usize,
    pub latency_max: usize,
    pub latency_mean: f64,
    /// Output transfers per cycle between the first and the last output.
    pub throughput: f64,
}

#[derive(Clone, Debug, Serialize)]
pub struct AreaEntry {
    pub family: Family,
    pub area: Section<Area>,
}

#[derive(Clone, Debug, Serialize)]
pub struct TimingEntry {
    pub device: Device,
    pub timing: Section<Timing>,
}

#[derive(Clone, Debug, Serialize)]
pub struct BaselineReport {
    pub kind: Kind,
    pub entries: u64,
    pub storage_bits: u64,
    pub max_err_ulp: f64,
    pub mean_abs_err_ulp: f64,
    pub correctly_rounded_pct: f64,
    pub faithful_pct: f64,
    pub sqnr_db: f64,
    pub area: Vec<AreaEntry>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub module: String,
    pub config: Config,
    pub latency_cycles: usize,
    pub accuracy: Accuracy,
    pub cross_check: Section<CrossCheck>,
    pub back_to_back: Run,
    pub backpressure: Run,
    pub area: Vec<AreaEntry>,
    pub timing: Vec<TimingEntry>,
    pub baselines: Vec<BaselineReport>,
    pub plots: Vec<String>,
    pub notes: Vec<String>,
    /// One line per tool that was missing, with how to install it.
    pub missing: Vec<String>,
}

fn progress(step: &str, start: Instant) {
    eprintln!("[report] {step} ({:.1} s)", start.elapsed().as_secs_f64());
}

/// Inputs for the cycle-level runs: every code up to 16 bits, else 200,000 random ones.
fn run_codes(config: &Config) -> Vec<i64> {
    if config.input.bits <= 16 {
        (config.input.min_code()..=config.input.max_code()).collect()
    } else {
        Inputs::Random {
            count: 200_000,
            seed: 0xabc,
        }
        .codes(config)
    }
}

fn measure_run(
    plan: &Plan,
    golden: &Datapath,
    codes: &[i64],
    gap: f64,
    stall: f64,
) -> Result<Run, String> {
    let stim = Stimulus::random(codes.to_vec(), gap, stall, 17, plan.registers() + 8);
    let trace = Simulator::new(plan.clone()).run(&stim);
    let r = check(golden, &stim, &trace)?;
    let outs: Vec<usize> = (0..trace.len())
        .filter(|&c| trace[c].m_valid && !stim.stall[c])
        .collect();
    let span = outs.last().zip(outs.first()).map_or(1, |(l, f)| l - f + 1);
    Ok(Run {
        gap_prob: gap,
        stall_prob: stall,
        samples: r.outputs,
        latency_min: r.min_latency,
        latency_max: r.max_latency,
        latency_mean: r.mean_latency(),
        throughput: r.outputs as f64 / span as f64,
    })
}

fn cross_check(
    verilog: &str,
    name: &str,
    config: &Config,
    codes: &[i64],
    dir: &Path,
) -> Result<CrossCheck, String> {
    let (gap, stall) = (0.1, 0.3);
    let plan = Plan::new(config);
    let stim = Stimulus::random(codes.to_vec(), gap, stall, 23, plan.registers() + 8);
    let sim = Simulator::new(plan).run(&stim);
    let golden = check(&Datapath::new(config), &stim, &sim);
    let model = Model::build(verilog, name, config.input.bits, dir)?;
    let hdl = model.run(&stim, "report")?;
    let diff = (0..sim.len()).find(|&c| sim[c] != hdl[c]);
    Ok(CrossCheck {
        samples: codes.len(),
        cycles: stim.cycles(),
        gap_prob: gap,
        stall_prob: stall,
        simulator_equals_golden: golden.is_ok(),
        verilator_equals_simulator: diff.is_none(),
        first_difference: golden
            .err()
            .or(diff.map(|c| format!("cycle {c}: Verilator {:?}, simulator {:?}", hdl[c], sim[c]))),
    })
}

fn error_band(config: &Config, golden: &Datapath) -> ErrorBand {
    let exact = Exact::new(config);
    let columns = 1000i64;
    let (lo, n) = (config.input.min_code(), config.input.count() as i64);
    let per = (n / columns).max(1);
    // At most 2^16 inputs per column: every input up to 26 bits in all.
    let step = (per / 65536).max(1);
    (0..(n + per - 1) / per)
        .into_par_iter()
        .map(|col| {
            let (mut emin, mut emax) = (f64::INFINITY, f64::NEG_INFINITY);
            let start = lo + col * per;
            for x in (start..(start + per).min(lo + n)).step_by(step as usize) {
                let e = golden.eval(x) as f64 - exact.value_ulps(x);
                emin = emin.min(e);
                emax = emax.max(e);
            }
            (config.input.value(start), emin, emax)
        })
        .collect()
}

fn baselines(
    config: &Config,
    families: &[Family],
    dir: &Path,
    missing: &mut Vec<String>,
    start: Instant,
) -> Vec<BaselineReport> {
    let mut out = Vec::new();
    for kind in [Kind::PlainTable, Kind::Table1024] {
        let Some(table) = baseline::contents(config, kind) else {
            continue;
        };
        let k = kind.address_bits(config).expect("table exists");
        let inputs = Inputs::default_for(config, 1 << 24, 1);
        let acc = accuracy(config, inputs, |x| {
            baseline::lookup(config, kind, &table, x)
        });
        let area = families
            .iter()
            .map(|&family| {
                let area = if kind == Kind::PlainTable && family == Family::Ice40 && k > 12 {
                    Err(format!(
                        "not synthesized: {} x {} bit needs {} SB_RAM40_4K of 4 kbit (the UP5K has 30); Yosys takes minutes on it",
                        1u64 << k,
                        config.output.bits,
                        ((1u64 << k) * u64::from(config.output.bits)).div_ceil(4096)
                    ))
                } else {
                    baseline::synthesize(config, kind, family, &dir.join(format!("{}-{}", kind.name(), family.name())))
                        .inspect_err(|e| note_missing(missing, e))
                };
                AreaEntry { family, area: Section::from(area) }
            })
            .collect();
        progress(&format!("baseline {}", kind.name()), start);
        out.push(BaselineReport {
            kind,
            entries: 1 << k,
            storage_bits: (1u64 << k) * u64::from(config.output.bits),
            max_err_ulp: acc.max_err_ulp,
            mean_abs_err_ulp: acc.mean_abs_err_ulp,
            correctly_rounded_pct: acc.correctly_rounded_pct,
            faithful_pct: acc.faithful_pct,
            sqnr_db: acc.sqnr_db,
            area,
        });
    }
    out
}

fn note_missing(missing: &mut Vec<String>, error: &str) {
    if error.contains("not found on PATH") && !missing.iter().any(|m| m == error) {
        missing.push(error.to_string());
    }
}

/// Measures everything about `config`'s core (module `name`), working in `dir`.
pub fn build(
    config: &Config,
    name: &str,
    families: &[Family],
    dir: &Path,
) -> Result<Report, String> {
    let start = Instant::now();
    let generated = isrlu_hw::generate(config, name).map_err(|e| e.to_string())?;
    let board = isrlu_hw::constraints::board_top(config, name);
    let work = dir.join("work");
    let mut missing = Vec::new();
    let golden = Datapath::new(config);
    let plan = Plan::new(config);

    std::thread::scope(|scope| {
        // Place and route is the longest step: it runs beside the others.
        let pnr = families.contains(&Family::Ice40).then(|| {
            let (verilog, board, work) = (&generated.verilog, &board, &work);
            scope.spawn(move || {
                [Device::Up5k, Device::Hx8k]
                    .into_iter()
                    .map(|device| {
                        let t = fpga::place_and_route(
                            verilog,
                            board,
                            &format!("{name}_board"),
                            device,
                            &work.join(device.name()),
                        );
                        progress(&format!("place and route, {}", device.name()), start);
                        TimingEntry {
                            device,
                            timing: Section::from(t),
                        }
                    })
                    .collect::<Vec<_>>()
            })
        });

        let inputs = Inputs::default_for(config, 1 << 24, 1);
        let acc = accuracy(config, inputs, |x| golden.eval(x));
        progress(&format!("accuracy over {} inputs", acc.inputs), start);

        let codes = run_codes(config);
        let cross = cross_check(
            &generated.verilog,
            name,
            config,
            &codes,
            &work.join("verilator"),
        );
        if let Err(e) = &cross {
            note_missing(&mut missing, e);
        }
        progress("cross-check golden model = simulator = Verilator", start);
        let back_to_back = measure_run(&plan, &golden, &codes, 0.0, 0.0)?;
        let backpressure = measure_run(&plan, &golden, &codes, 0.1, 0.3)?;
        progress("latency and throughput", start);

        let area: Vec<AreaEntry> = families
            .iter()
            .map(|&family| {
                let a = fpga::synthesize(
                    &generated.verilog,
                    name,
                    family,
                    &work.join(format!("synth-{}", family.name())),
                );
                if let Err(e) = &a {
                    note_missing(&mut missing, e);
                }
                progress(&format!("Yosys {}", family.name()), start);
                AreaEntry {
                    family,
                    area: Section::from(a),
                }
            })
            .collect();
        let baselines = baselines(config, families, &work, &mut missing, start);

        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let band = error_band(config, &golden);
        let (files, png_note) = plots::write(dir, name, &band, &acc.histogram)?;
        progress("plots", start);
        let mut notes = Vec::new();
        notes.extend(png_note);
        let timing = match pnr {
            Some(handle) => handle
                .join()
                .map_err(|_| "place and route thread failed".to_string())?,
            None => Vec::new(),
        };
        for t in &timing {
            if let Section::Missing(e) = &t.timing {
                note_missing(&mut missing, e);
            }
        }
        Ok(Report {
            module: name.to_string(),
            config: config.clone(),
            latency_cycles: generated.manifest.latency_cycles,
            accuracy: acc,
            cross_check: Section::from(cross),
            back_to_back,
            backpressure,
            area,
            timing,
            baselines,
            plots: files
                .iter()
                .filter_map(|f| f.file_name()?.to_str().map(str::to_string))
                .collect(),
            notes,
            missing,
        })
    })
}

/// Writes `report.json` and `report.md` into `dir`; returns their paths.
pub fn write(report: &Report, dir: &Path) -> Result<Vec<PathBuf>, String> {
    let json = dir.join("report.json");
    let md = dir.join("report.md");
    let text = serde_json::to_string_pretty(report).map_err(|e| e.to_string())? + "\n";
    std::fs::write(&json, text).map_err(|e| format!("cannot write {}: {e}", json.display()))?;
    std::fs::write(&md, crate::report_md::markdown(report))
        .map_err(|e| format!("cannot write {}: {e}", md.display()))?;
    Ok(vec![json, md])
}
