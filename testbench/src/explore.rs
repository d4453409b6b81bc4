//! Design-space exploration: for one function and pair of formats, the configurations that meet
//! an accuracy target, their area from Yosys and their latency, the Pareto front, and the
//! cheapest one as a TOML file `isrlu gen --config` takes.
//!
//! Sweep: Newton steps 0 to 2, the seed-cube table on or off, rounding `nearest` or `faithful`,
//! and for each table size `2^k` the smallest internal width and seed width that meet the target
//! (plus two wider neighbours: internal width + 2, seed width + 2)
//! (found with the golden model against the exact reference on every input up to 16 bits, else
//! on 65,536 random inputs first and every input up to 24 bits to confirm). Each point is then
//! synthesized; results are cached in `DIR/cache/` by a hash of the configuration, so an
//! interrupted run resumes where it stopped. The plain one-entry-per-input table (inputs up to 16
//! bits) is added as a point of its own.
//!
//! Cost, to pick the cheapest point: `LUT + 64 DSP + 64 BRAM` on the chosen family (one DSP or
//! block RAM counted as 64 LUTs: an assumption, printed with the result). A point is on the
//! front when no other point is at least as good in max error, cost and latency and better in one.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::Path;

use isrlu_sw::metrics::{Inputs, accuracy};
use isrlu_sw::pipeline::Plan;
use isrlu_sw::{Config, Datapath, Exact, Rounding};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::baseline::{self, Kind};
use crate::fpga::{self, Area, Family};

pub const DSP_LUTS: u64 = 64;
pub const BRAM_LUTS: u64 = 64;

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Target {
    /// Every input correctly rounded.
    Correct,
    /// Every input faithful (error below 1 ulp).
    Faithful,
    /// Max error at most this many ulps (0.5 or more).
    Ulp(f64),
}

impl Target {
    pub fn parse(text: &str) -> Result<Target, String> {
        match text {
            "correct" => Ok(Target::Correct),
            "faithful" => Ok(Target::Faithful),
            _ => {
                let x: f64 = text
                    .strip_prefix("ulp=")
                    .and_then(|v| v.parse().ok())
                    .ok_or_else(|| {
                        format!("invalid target '{text}': expected correct, faithful or ulp=X")
                    })?;
                if !(x >= 0.5 && x.is_finite()) {
                    return Err(format!(
                        "target ulp={x} is impossible: no rounding to the output format gets below 0.5 ulp"
                    ));
                }
                Ok(Target::Ulp(x))
            }
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Point {
    pub architecture: String,
    pub newton_steps: u32,
    pub seed_cubes: bool,
    pub rounding: String,
    pub table_address_bits: u32,
    pub table_value_bits: u32,
    pub internal_frac_bits: u32,
    pub max_err_ulp: f64,
    pub correctly_rounded_pct: f64,
    pub latency_cycles: usize,
    pub luts: u64,
    pub ffs: u64,
    pub dsps: u64,
    pub brams: u64,
    pub cost: u64,
    pub on_front: bool,
    /// The configuration (TOML) of a core point; empty for the plain table.
    pub config: String,
}

/// `LUT + 64 DSP + 64 BRAM`: see the module documentation.
pub fn cost(area: &Area) -> u64 {
    area.luts + DSP_LUTS * area.dsps + BRAM_LUTS * area.brams
}

fn key(text: &str) -> String {
    let mut h = DefaultHasher::new();
    text.hash(&mut h);
    format!("{:016x}", h.finish())
}

/// Inputs to screen candidates on, and to confirm them on.
fn screen_inputs(base: &Config) -> (Vec<i64>, Vec<i64>) {
    let all = |c: &Config| (c.input.min_code()..=c.input.max_code()).collect::<Vec<_>>();
    if base.input.bits <= 16 {
        (all(base), Vec::new())
    } else {
        let sample = Inputs::Random {
            count: 65536,
            seed: 0,
        }
        .codes(base);
        (
            sample,
            if base.input.bits <= 24 {
                all(base)
            } else {
                Vec::new()
            },
        )
    }
}

fn meets(c: &Config, target: Target, codes: &[i64], reference: &[(i64, i64, i64)]) -> bool {
    let model = Datapath::new(c);
    let exact = Exact::new(c);
    match target {
        Target::Correct => codes
            .par_iter()
            .zip(reference)
            .all(|(&x, r)| model.eval(x) == r.0),
        Target::Faithful => codes.par_iter().zip(reference).all(|(&x, r)| {
            let q = model.eval(x);
            q == r.1 || q == r.2
        }),
        Target::Ulp(u) => codes
            .par_iter()
            .all(|&x| (model.eval(x) as f64 - exact.value_ulps(x)).abs() <= u),
    }
}

/// Bounds of the sweep.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub newton_steps: u32,
    pub table_bits: u32,
}

/// The candidate configurations meeting `target`: per (steps, cubes, rounding, table size) the
/// smallest internal width, then the smallest seed width.
pub fn candidates(base: &Config, target: Target, limits: Limits) -> Vec<Config> {
    let (screen, confirm) = screen_inputs(base);
    let exact = Exact::new(base);
    let reference = |codes: &[i64]| -> Vec<(i64, i64, i64)> {
        codes
            .par_iter()
            .map(|&x| {
                let (lo, hi) = exact.bracket(x);
                (exact.rounded(x), lo, hi)
            })
            .collect()
    };
    let screen_ref = reference(&screen);
    let confirm_ref = reference(&confirm);
    let g = base.output.frac;
    let mut out = Vec::new();
    for steps in 0..=limits.newton_steps {
        for cubes in [false, true] {
            if cubes && steps == 0 {
                continue;
            }
            for rounding in [Rounding::Nearest, Rounding::Faithful] {
                let k_max = limits.table_bits.min(if steps == 0 { 12 } else { 10 });
                for k in 1..=k_max {
                    let found = (g + 1..=g + 10).find_map(|p| {
                        (k + 1..=(k + 6).min(p)).find_map(|v| {
                            let c = Config {
                                newton_steps: steps,
                                seed_cubes: cubes,
                                rounding,
                                table_address_bits: k,
                                table_value_bits: v,
                                internal_frac_bits: p,
                                ..base.clone()
                            };
                            c.validate().ok()?;
                            (meets(&c, target, &screen, &screen_ref)
                                && (confirm.is_empty()
                                    || meets(&c, target, &confirm, &confirm_ref)))
                            .then_some(c)
                        })
                    });
                    // Wider neighbours of the minimum, so the front shows what width buys.
                    if let Some(c) = found {
                        let (p, v) = (c.internal_frac_bits, c.table_value_bits);
                        for (p2, v2) in [(p + 2, v), (p, (v + 2).min(p))] {
                            let wider = Config {
                                internal_frac_bits: p2,
                                table_value_bits: v2,
                                ..c.clone()
                            };
                            let new = !out.contains(&wider) && wider != c;
                            if new
                                && wider.validate().is_ok()
                                && meets(&wider, target, &screen, &screen_ref)
                                && (confirm.is_empty()
                                    || meets(&wider, target, &confirm, &confirm_ref))
                            {
                                out.push(wider);
                            }
                        }
                        out.push(c);
                    }
                }
            }
        }
    }
    out
}

fn core_point(c: &Config, family: Family, work: &Path) -> Result<Point, String> {
    let name = "explore_core";
    let generated = isrlu_hw::generate(c, name).map_err(|e| e.to_string())?;
    let area = fpga::synthesize(&generated.verilog, name, family, work)?;
    let inputs = Inputs::default_for(c, 1 << 16, 1);
    let model = Datapath::new(c);
    let a = accuracy(c, inputs, |x| model.eval(x));
    Ok(Point {
        architecture: if c.newton_steps == 0 {
            "table".into()
        } else {
            "table+newton".into()
        },
        newton_steps: c.newton_steps,
        seed_cubes: c.seed_cubes && c.newton_steps > 0,
        rounding: c.rounding.to_string(),
        table_address_bits: c.table_address_bits,
        table_value_bits: c.table_value_bits,
        internal_frac_bits: c.internal_frac_bits,
        max_err_ulp: a.max_err_ulp,
        correctly_rounded_pct: a.correctly_rounded_pct,
        latency_cycles: Plan::new(c).registers(),
        luts: area.luts,
        ffs: area.ffs,
        dsps: area.dsps,
        brams: area.brams,
        cost: cost(&area),
        on_front: false,
        config: c.to_toml(),
    })
}

fn plain_table_point(base: &Config, family: Family, work: &Path) -> Result<Point, String> {
    let area = baseline::synthesize(base, Kind::PlainTable, family, work)?;
    Ok(Point {
        architecture: "plain_table".into(),
        newton_steps: 0,
        seed_cubes: false,
        rounding: "nearest".into(),
        table_address_bits: base.input.bits,
        table_value_bits: base.output.bits,
        internal_frac_bits: 0,
        max_err_ulp: 0.5,
        correctly_rounded_pct: 100.0,
        latency_cycles: 2,
        luts: area.luts,
        ffs: area.ffs,
        dsps: area.dsps,
        brams: area.brams,
        cost: cost(&area),
        on_front: false,
        config: String::new(),
    })
}

/// Measures a point, or reads it from the cache.
fn cached(
    dir: &Path,
    id: &str,
    measure: impl FnOnce() -> Result<Point, String>,
) -> Result<(Point, bool), String> {
    let path = dir.join("cache").join(format!("{id}.json"));
    if let Some(p) = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok())
    {
        return Ok((p, true));
    }
    let p = measure()?;
    std::fs::create_dir_all(path.parent().expect("cache dir")).map_err(|e| e.to_string())?;
    let temp = path.with_extension("partial");
    std::fs::write(&temp, serde_json::to_string(&p).map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    std::fs::rename(&temp, &path).map_err(|e| e.to_string())?;
    Ok((p, false))
}

/// Marks the points no other point dominates in (max error, cost, latency).
pub fn mark_front(points: &mut [Point]) {
    let dominated = |a: &Point, b: &Point| {
        b.max_err_ulp <= a.max_err_ulp
            && b.cost <= a.cost
            && b.latency_cycles <= a.latency_cycles
            && (b.max_err_ulp < a.max_err_ulp
                || b.cost < a.cost
                || b.latency_cycles < a.latency_cycles)
    };
    let flags: Vec<bool> = points
        .iter()
        .map(|a| !points.iter().any(|b| dominated(a, b)))
        .collect();
    for (p, f) in points.iter_mut().zip(flags) {
        p.on_front = f;
    }
}

pub struct Exploration {
    pub points: Vec<Point>,
    pub cached: usize,
}

/// Runs the sweep for `base`'s function and formats; `dir` holds the cache and the results.
pub fn explore(
    base: &Config,
    target: Target,
    limits: Limits,
    family: Family,
    dir: &Path,
) -> Result<Exploration, String> {
    crate::tools::find("yosys")?;
    let candidates = candidates(base, target, limits);
    eprintln!(
        "[explore] {} configurations meet the target; synthesizing for {}",
        candidates.len(),
        family.name()
    );
    let total = candidates.len() + usize::from(base.input.bits <= 16);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let best = std::sync::Mutex::new(u64::MAX);
    let report = |p: &Point, was_cached: bool| {
        let n = done.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let mut b = best.lock().expect("best");
        *b = (*b).min(p.cost);
        eprintln!(
            "[explore] {n}/{total} points ({} left), {} {}{}: cost {}; best so far {}",
            total - n,
            p.architecture,
            if p.config.is_empty() {
                String::new()
            } else {
                format!(
                    "k={} v={} P={} ",
                    p.table_address_bits, p.table_value_bits, p.internal_frac_bits
                )
            },
            if was_cached { "(cached)" } else { "" },
            p.cost,
            *b
        );
    };
    let results: Vec<Result<(Point, bool), String>> = candidates
        .par_iter()
        .map(|c| {
            let text = c.to_toml();
            let id = key(&format!("{text}{}", family.name()));
            let r = cached(dir, &id, || {
                core_point(c, family, &dir.join("work").join(&id))
            });
            if let Ok((p, was)) = &r {
                report(p, *was);
            }
            r
        })
        .collect();
    let mut points = Vec::new();
    let mut from_cache = 0;
    for r in results {
        let (p, was) = r?;
        from_cache += usize::from(was);
        points.push(p);
    }
    if base.input.bits <= 16 {
        let id = key(&format!(
            "plain_table {} {} {} {}",
            base.to_toml(),
            family.name(),
            base.input,
            base.output
        ));
        let (p, was) = cached(dir, &id, || {
            plain_table_point(base, family, &dir.join("work").join(&id))
        })?;
        report(&p, was);
        from_cache += usize::from(was);
        points.push(p);
    }
    mark_front(&mut points);
    points.sort_by(|a, b| {
        a.cost
            .cmp(&b.cost)
            .then(a.max_err_ulp.total_cmp(&b.max_err_ulp))
    });
    Ok(Exploration {
        points,
        cached: from_cache,
    })
}

/// Writes `points.csv`, `front.csv`, `front.json`, `front.svg`/`.png` and, when a core meets the
/// target, `best.toml` (the cheapest core point). Returns the cheapest point overall.
pub fn write_results(points: &[Point], title: &str, dir: &Path) -> Result<Option<Point>, String> {
    let header = "architecture,newton_steps,seed_cubes,rounding,table_address_bits,table_value_bits,internal_frac_bits,max_err_ulp,correctly_rounded_pct,latency_cycles,luts,ffs,dsps,brams,cost,on_front\n";
    let row = |p: &Point| {
        format!(
            "{},{},{},{},{},{},{},{:.6},{:.4},{},{},{},{},{},{},{}\n",
            p.architecture,
            p.newton_steps,
            p.seed_cubes,
            p.rounding,
            p.table_address_bits,
            p.table_value_bits,
            p.internal_frac_bits,
            p.max_err_ulp,
            p.correctly_rounded_pct,
            p.latency_cycles,
            p.luts,
            p.ffs,
            p.dsps,
            p.brams,
            p.cost,
            p.on_front
        )
    };
    let write = |name: &str, text: String| {
        std::fs::write(dir.join(name), text).map_err(|e| format!("cannot write {name}: {e}"))
    };
    write(
        "points.csv",
        std::iter::once(header.to_string())
            .chain(points.iter().map(row))
            .collect(),
    )?;
    let front: Vec<&Point> = points.iter().filter(|p| p.on_front).collect();
    write(
        "front.csv",
        std::iter::once(header.to_string())
            .chain(front.iter().map(|p| row(p)))
            .collect(),
    )?;
    write(
        "front.json",
        serde_json::to_string_pretty(&front).map_err(|e| e.to_string())? + "\n",
    )?;
    let xy: Vec<(f64, f64, bool)> = points
        .iter()
        .map(|p| (p.cost as f64, p.max_err_ulp, p.on_front))
        .collect();
    crate::plots::write_front(dir, title, &xy)?;
    let best_core = points
        .iter()
        .filter(|p| !p.config.is_empty())
        .min_by_key(|p| p.cost);
    if let Some(b) = best_core {
        write("best.toml", b.config.clone())?;
    }
    Ok(points.iter().min_by_key(|p| p.cost).cloned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_parse_and_impossible_ones_are_refused() {
        assert_eq!(Target::parse("correct"), Ok(Target::Correct));
        assert_eq!(Target::parse("ulp=0.75"), Ok(Target::Ulp(0.75)));
        assert_eq!(
            Target::parse("ulp=0.1").unwrap_err(),
            "target ulp=0.1 is impossible: no rounding to the output format gets below 0.5 ulp"
        );
        assert_eq!(
            Target::parse("best").unwrap_err(),
            "invalid target 'best': expected correct, faithful or ulp=X"
        );
    }

    fn point(err: f64, cost: u64, latency: usize) -> Point {
        Point {
            architecture: String::new(),
            newton_steps: 0,
            seed_cubes: false,
            rounding: String::new(),
            table_address_bits: 0,
            table_value_bits: 0,
            internal_frac_bits: 0,
            max_err_ulp: err,
            correctly_rounded_pct: 0.0,
            latency_cycles: latency,
            luts: 0,
            ffs: 0,
            dsps: 0,
            brams: 0,
            cost,
            on_front: false,
            config: String::new(),
        }
    }

    #[test]
    fn front_by_hand() {
        // (0.5, 100, 8) and (0.9, 50, 8) trade error for cost; (0.5, 120, 8) is dominated by the
        // first; (0.5, 300, 2) is the only one with latency 2.
        let mut p = vec![
            point(0.5, 100, 8),
            point(0.9, 50, 8),
            point(0.5, 120, 8),
            point(0.5, 300, 2),
        ];
        mark_front(&mut p);
        let flags: Vec<bool> = p.iter().map(|p| p.on_front).collect();
        assert_eq!(flags, vec![true, true, false, true]);
    }
}
