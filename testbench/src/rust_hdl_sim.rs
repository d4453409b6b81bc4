//! Runs the core in rust-hdl's own simulator (about 6,000 cycles per second: for small samples)
//! with the same stimulus and source rule as the HDL simulators.

use std::sync::{Arc, Mutex};

use isrlu_hw::CoreVisitor;
use isrlu_hw::core::Core;
use isrlu_sw::Config;
use rust_hdl::prelude::*;

use crate::Stimulus;
use crate::trace::{Cycle, Trace};

/// The trace of `config`'s core, simulated by rust-hdl, under `stimulus`.
pub fn run(config: &Config, stimulus: Stimulus) -> Result<Trace, String> {
    isrlu_hw::visit_core(
        config,
        RustHdl {
            stimulus,
            input_bits: config.input.bits,
        },
    )
    .map_err(|e| e.to_string())?
}

struct RustHdl {
    stimulus: Stimulus,
    input_bits: u32,
}

impl CoreVisitor for RustHdl {
    type Output = Result<Trace, String>;

    fn visit<const WI: usize, const WO: usize>(self, core: Core<WI, WO>) -> Self::Output {
        let trace = Arc::new(Mutex::new(Trace::new()));
        let recorded = trace.clone();
        let stimulus = Arc::new(self.stimulus);
        let cycles = stimulus.cycles() as u64;
        let mask = (1u64 << self.input_bits) - 1;
        let mut sim = Simulation::new();
        sim.add_clock(5, |x: &mut Box<Core<WI, WO>>| x.clk.next = !x.clk.val());
        sim.add_testbench(move |mut sim: Sim<Core<WI, WO>>| {
            let mut x = sim.init()?;
            let mut source = stimulus.source();
            for c in 0..stimulus.cycles() {
                wait_clock_false!(sim, clk, x);
                let (valid, code) = source.offer(c);
                x.rst.next = stimulus.rst[c];
                x.s_axis_tvalid.next = valid;
                x.s_axis_tdata.next = (code as u64 & mask).into();
                x.m_axis_tready.next = !stimulus.stall[c];
                x = sim.wait(1, x)?;
                let now = Cycle {
                    s_ready: x.s_axis_tready.val(),
                    m_valid: x.m_axis_tvalid.val(),
                    m_data: x.m_axis_tdata.val().to_u64(),
                };
                recorded.lock().expect("trace lock").push(now);
                source.advance(now.s_ready);
                wait_clock_true!(sim, clk, x);
            }
            sim.done(x)
        });
        sim.run(Box::new(core), cycles * 10 + 100)
            .map_err(|e| format!("rust-hdl simulation: {e:?}"))?;
        let t = trace.lock().expect("trace lock").clone();
        Ok(t)
    }
}
