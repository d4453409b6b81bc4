//! The cycle simulator against Verilator running the emitted Verilog: for the same stimulus,
//! with random gaps and backpressure, `s_axis_tready`, `m_axis_tvalid` and `m_axis_tdata` are
//! equal in every cycle (over a million cycles per preset), data included while not valid.

mod common;

use common::*;
use isrlu_sim::Simulator;
use isrlu_sw::pipeline::Plan;
use isrlu_testbench::verilator::Model;
use isrlu_testbench::{Stimulus, check};

fn cycle_exact(name: &str) {
    let core = preset_core(name);
    let codes = random_codes(&core.config, 600_000, 31);
    let stim = Stimulus::random(codes, 0.2, 0.3, 77, 32)
        .with_reset(400_000, 3)
        .with_stall(100_000, 500);
    assert!(stim.cycles() >= 1_000_000);
    let model = Model::build(
        &core.verilog,
        name,
        core.config.input.bits,
        &work_dir("verilator"),
    )
    .unwrap();
    let hdl = model.run(&stim, "cycle_exact").unwrap();
    let sim = Simulator::new(Plan::new(&core.config)).run(&stim);
    assert_eq!(hdl.len(), sim.len());
    if let Some(c) = (0..sim.len()).find(|&c| hdl[c] != sim[c]) {
        panic!(
            "{name}: cycle {c}: Verilator {:?}, simulator {:?}",
            hdl[c], sim[c]
        );
    }
    // And both are right.
    check(&core.golden, &stim, &sim).unwrap_or_else(|e| panic!("{name}: {e}"));
}

#[test]
fn isrlu16_cycle_exact() {
    cycle_exact("isrlu16");
}

#[test]
fn isru16_cycle_exact() {
    cycle_exact("isru16");
}

#[test]
fn isrlu8_cycle_exact() {
    cycle_exact("isrlu8");
}

#[test]
fn isru24_cycle_exact() {
    cycle_exact("isru24");
}
