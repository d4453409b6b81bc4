//! Shared by the hardware tests: generate a preset, its golden model, a work directory.
#![allow(dead_code)]

use std::path::PathBuf;

use isrlu_sw::{Config, Datapath, preset};

pub struct Core {
    pub name: String,
    pub config: Config,
    pub verilog: String,
    pub latency: usize,
    pub golden: Datapath,
}

pub fn core(config: Config, name: &str) -> Core {
    let g = isrlu_hw::generate(&config, name).unwrap_or_else(|e| panic!("{name}: {e}"));
    Core {
        name: name.to_string(),
        golden: Datapath::new(&config),
        latency: g.manifest.latency_cycles,
        verilog: g.verilog,
        config,
    }
}

pub fn preset_core(name: &str) -> Core {
    core(preset(name).unwrap(), name)
}

pub fn every_code(c: &Config) -> Vec<i64> {
    (c.input.min_code()..=c.input.max_code()).collect()
}

/// `n` codes from a SplitMix64 stream.
pub fn random_codes(c: &Config, n: usize, seed: u64) -> Vec<i64> {
    (0..n as u64)
        .map(|i| {
            c.input
                .wrap(isrlu_sw::metrics::splitmix64(seed.wrapping_add(i)) as i64)
        })
        .collect()
}

pub fn work_dir(what: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(what)
}
