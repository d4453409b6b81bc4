//! The emitted Verilog, run by Verilator, against the golden model: every input of the 16- and
//! 8-bit presets and 1,000,000 random inputs of isru24, back to back and with random gaps and
//! backpressure; the latency measured equals the manifest's.

mod common;

use common::*;
use isrlu_testbench::verilator::Model;
use isrlu_testbench::{Stimulus, check};

fn verify(core: &Core, codes: Vec<i64>) {
    let model = Model::build(
        &core.verilog,
        &core.name,
        core.config.input.bits,
        &work_dir("verilator"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let n = codes.len();
    let stim = Stimulus::back_to_back(codes.clone(), core.latency + 8);
    let trace = model.run(&stim, "back_to_back").unwrap();
    let r = check(&core.golden, &stim, &trace)
        .unwrap_or_else(|e| panic!("{} back to back: {e}", core.name));
    assert_eq!((r.inputs, r.outputs), (n, n));
    assert_eq!(
        (r.min_latency, r.max_latency),
        (core.latency, core.latency),
        "{}",
        core.name
    );
    // One sample per clock: n samples in n + latency cycles after reset.
    let first_in = trace.iter().position(|c| c.s_ready).unwrap();
    let last_out = trace.iter().rposition(|c| c.m_valid).unwrap();
    assert_eq!(
        last_out - first_in,
        n - 1 + core.latency,
        "{}: not one sample per clock",
        core.name
    );

    let stim = Stimulus::random(codes, 0.3, 0.3, 7, core.latency + 8);
    let trace = model.run(&stim, "random").unwrap();
    let r =
        check(&core.golden, &stim, &trace).unwrap_or_else(|e| panic!("{} random: {e}", core.name));
    assert_eq!((r.inputs, r.outputs), (n, n));
    assert!(
        r.min_latency == core.latency && r.max_latency > core.latency,
        "{}: {r:?}",
        core.name
    );
}

#[test]
fn isrlu16_every_input() {
    let core = preset_core("isrlu16");
    verify(&core, every_code(&core.config));
}

#[test]
fn isru16_every_input() {
    let core = preset_core("isru16");
    verify(&core, every_code(&core.config));
}

#[test]
fn isrlu8_every_input() {
    let core = preset_core("isrlu8");
    verify(&core, every_code(&core.config));
}

#[test]
fn isru24_a_million_random_inputs() {
    let core = preset_core("isru24");
    let codes = random_codes(&core.config, 1_000_000, 24);
    verify(&core, codes);
}

#[test]
fn a_core_that_differs_from_the_golden_model_is_caught() {
    // The Verilog of the faithful variant checked against the correctly rounded golden model.
    let nearest = preset_core("isru16");
    let mut faithful = nearest.config.clone();
    faithful.rounding = isrlu_sw::Rounding::Faithful;
    let wrong = core(faithful, "isru16_faithful");
    let model = Model::build(&wrong.verilog, &wrong.name, 16, &work_dir("verilator")).unwrap();
    let stim = Stimulus::back_to_back(every_code(&nearest.config), 16);
    let trace = model.run(&stim, "wrong").unwrap();
    let err = check(&nearest.golden, &stim, &trace).unwrap_err();
    assert!(err.contains("golden model"), "{err}");
}
