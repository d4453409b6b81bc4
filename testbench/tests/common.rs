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
    isrlu_sw::metrics::Inputs::Random {
        count: n as u64,
        seed,
    }
    .codes(c)
}

pub fn work_dir(what: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(what)
}

/// Configurations that exercise every branch of the generator, as overrides of a preset.
pub fn variants() -> Vec<(&'static str, Config)> {
    let v = |name: &'static str, base: &str, sets: &[&str]| {
        let sets: Vec<String> = sets.iter().map(|s| s.to_string()).collect();
        let c = preset(base)
            .unwrap()
            .with_overrides(&sets)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        (name, c)
    };
    vec![
        v(
            "v_faithful",
            "isru16",
            &["rounding=faithful", "table_value_bits=10"],
        ),
        v(
            "v_alpha_tenth",
            "isru16",
            &[
                "alpha=0.1",
                "output=16.12",
                "internal_frac_bits=16",
                "table_value_bits=10",
            ],
        ),
        v(
            "v_alpha_three",
            "isrlu16",
            &[
                "alpha=3.0",
                "newton_steps=2",
                "table_address_bits=4",
                "table_value_bits=6",
            ],
        ),
        v(
            "v_alpha_128_wide",
            "isru16",
            &[
                "alpha=128",
                "input=8.2",
                "output=8.7",
                "internal_frac_bits=10",
                "table_address_bits=4",
                "table_value_bits=6",
            ],
        ),
        v("v_no_registers", "isrlu16", &["registers=[]"]),
        v(
            "v_every_register",
            "isru16",
            &[
                "registers=[\"square\",\"scale\",\"normalise\",\"seed\",\"newton\",\"multiply\",\"round\"]",
                "newton_steps=2",
            ],
        ),
        v(
            "v_three_steps_tiny_table",
            "isru16",
            &[
                "newton_steps=3",
                "table_address_bits=1",
                "table_value_bits=2",
            ],
        ),
        v(
            "v_isru16_without_cubes",
            "isru16",
            &[
                "seed_cubes=false",
                "table_address_bits=8",
                "table_value_bits=11",
            ],
        ),
        v(
            "v_isrlu16_without_cubes",
            "isrlu16",
            &[
                "seed_cubes=false",
                "table_address_bits=7",
                "table_value_bits=8",
            ],
        ),
        v(
            "v_saturate_narrow",
            "isrlu16",
            &["output=16.14", "internal_frac_bits=16", "saturate=true"],
        ),
        v(
            "v_bypass_rounds",
            "isrlu16",
            &["output=14.8", "internal_frac_bits=10"],
        ),
        v(
            "v_wider_out",
            "isrlu8",
            &[
                "output=16.10",
                "internal_frac_bits=12",
                "newton_steps=1",
                "table_address_bits=4",
            ],
        ),
        v(
            "v_narrow_out",
            "isru16",
            &["output=8.6", "internal_frac_bits=11", "table_value_bits=9"],
        ),
    ]
}
