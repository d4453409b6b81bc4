//! The same checks in Icarus Verilog (isrlu8 completely, samples of the others) and in
//! rust-hdl's own simulator (small samples: it runs about 6,000 cycles per second).

mod common;

use common::*;
use isrlu_testbench::{Stimulus, check, icarus, rust_hdl_sim};

fn icarus_check(core: &Core, stim: Stimulus, tag: &str) {
    let n = stim.codes.len();
    let dir = work_dir("icarus").join(format!("{}-{tag}", core.name));
    let (wi, wo) = (core.config.input.bits, core.config.output.bits);
    let trace = icarus::run_stimulus(&core.verilog, &core.name, wi, wo, &stim, &dir)
        .unwrap_or_else(|e| panic!("{e}"));
    let r =
        check(&core.golden, &stim, &trace).unwrap_or_else(|e| panic!("{} {tag}: {e}", core.name));
    assert_eq!(r.outputs, n);
    assert_eq!(r.min_latency, core.latency);
}

#[test]
fn icarus_isrlu8_every_input() {
    let core = preset_core("isrlu8");
    icarus_check(
        &core,
        Stimulus::back_to_back(every_code(&core.config), 16),
        "all",
    );
    icarus_check(
        &core,
        Stimulus::random(every_code(&core.config), 0.3, 0.3, 5, 16),
        "random",
    );
}

#[test]
fn icarus_samples_of_the_other_presets() {
    for name in ["isrlu16", "isru16", "isru24"] {
        let core = preset_core(name);
        let codes = random_codes(&core.config, 2000, 16);
        icarus_check(&core, Stimulus::random(codes, 0.2, 0.3, 9, 16), "random");
    }
}

#[test]
fn rust_hdl_simulator_samples() {
    for name in ["isrlu8", "isrlu16", "isru16", "isru24"] {
        let core = preset_core(name);
        let codes = random_codes(&core.config, 150, 99);
        let stim = Stimulus::random(codes, 0.2, 0.3, 4, 16);
        let trace = rust_hdl_sim::run(&core.config, stim.clone()).unwrap();
        let r = check(&core.golden, &stim, &trace).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!((r.outputs, r.min_latency), (150, core.latency), "{name}");
    }
}
