//! Simulation speed, side by side in one run on the same design and stimulus: the cycle
//! simulator (one thread), Verilator (`-O3`, its harness driving inputs and recording outputs
//! in memory), and rust-hdl's simulator (on a shorter prefix of the same stimulus).

use std::path::Path;
use std::time::Instant;

use isrlu_sim::Simulator;
use isrlu_sw::Config;
use isrlu_sw::pipeline::Plan;

use crate::verilator::Model;
use crate::{Stimulus, rust_hdl_sim};

#[derive(Clone, Debug)]
pub struct Speed {
    pub cycles: usize,
    pub simulator_cps: f64,
    pub verilator_cps: f64,
    pub rust_hdl_cycles: usize,
    pub rust_hdl_cps: f64,
    /// The two HDL-level runs agree with the simulator cycle for cycle.
    pub traces_equal: bool,
}

/// Measures the three simulators on `config`'s core with `samples` random inputs, 10% gaps
/// and 30% backpressure.
pub fn measure(
    config: &Config,
    samples: usize,
    rust_hdl_samples: usize,
    dir: &Path,
) -> Result<Speed, String> {
    let name = "bench_core";
    let generated = isrlu_hw::generate(config, name).map_err(|e| e.to_string())?;
    let codes = isrlu_sw::metrics::Inputs::Random {
        count: samples as u64,
        seed: 0,
    }
    .codes(config);
    let stim = Stimulus::random(codes, 0.1, 0.3, 5, 32);
    let plan = Plan::new(config);
    let mut sim = Simulator::new(plan.clone());
    let start = Instant::now();
    let trace = sim.run(&stim);
    let simulator_s = start.elapsed().as_secs_f64();
    let model = Model::build(&generated.verilog, name, config.input.bits, dir)?;
    let (hdl, verilator_s) = model.run_timed(&stim, "speed")?;
    let short = Stimulus::random(
        stim.codes[..rust_hdl_samples.min(samples)].to_vec(),
        0.1,
        0.3,
        5,
        32,
    );
    let start = Instant::now();
    let rhdl = rust_hdl_sim::run(config, short.clone())?;
    let rust_hdl_s = start.elapsed().as_secs_f64();
    let short_sim = Simulator::new(plan).run(&short);
    Ok(Speed {
        cycles: stim.cycles(),
        simulator_cps: stim.cycles() as f64 / simulator_s,
        verilator_cps: stim.cycles() as f64 / verilator_s,
        rust_hdl_cycles: short.cycles(),
        rust_hdl_cps: short.cycles() as f64 / rust_hdl_s,
        traces_equal: hdl == trace && rhdl == short_sim,
    })
}
