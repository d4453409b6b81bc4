//! Configurations beyond the presets (faithful rounding, other alphas, pipelines, saturation,
//! rounding bypass, other port widths): the emitted Verilog, run by Verilator on every input with
//! random gaps and backpressure, equals the golden model.

mod common;

use common::*;
use isrlu_testbench::verilator::Model;
use isrlu_testbench::{Stimulus, check};

#[test]
fn every_variant_matches_the_golden_model_on_every_input() {
    for (name, config) in variants() {
        let core = core(config, name);
        let model = Model::build(
            &core.verilog,
            name,
            core.config.input.bits,
            &work_dir("verilator"),
        )
        .unwrap();
        let codes = every_code(&core.config);
        let n = codes.len();
        let stim = Stimulus::random(codes, 0.2, 0.2, 3, core.latency + 8);
        let trace = model.run(&stim, "random").unwrap();
        let r = check(&core.golden, &stim, &trace).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(r.outputs, n, "{name}");
        assert_eq!(r.min_latency, core.latency, "{name}");
    }
}
