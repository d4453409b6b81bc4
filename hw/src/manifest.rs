//! `NAME.json`: what an integrator needs without reading the Verilog.

use isrlu_sw::Config;
use isrlu_sw::pipeline::Plan;
use serde::Serialize;

#[derive(Clone, Debug, Serialize)]
pub struct Port {
    pub name: &'static str,
    pub direction: &'static str,
    pub bits: u32,
    pub description: &'static str,
}

#[derive(Clone, Debug, Serialize)]
pub struct Manifest {
    pub module: String,
    pub summary: String,
    pub config: Config,
    /// Cycles from an input transfer to the earliest output transfer of that sample.
    pub latency_cycles: usize,
    /// Samples accepted per clock with `m_axis_tready` high.
    pub throughput_per_cycle: u32,
    pub seed_table_entries: usize,
    pub seed_table_bits: u64,
    pub ports: Vec<Port>,
    pub reset: &'static str,
}

impl Manifest {
    pub fn new(config: &Config, plan: &Plan, module: &str) -> Self {
        let table = &plan.datapath.table;
        let summary = format!(
            "{} alpha={} {} -> {}, {} rounding, latency {} cycles, 1 sample/cycle, seed table {}x{} bit, {} Newton step(s)",
            config.function,
            config.alpha,
            config.input,
            config.output,
            config.rounding,
            plan.registers(),
            table.len(),
            table.value_bits,
            config.newton_steps
        );
        let port = |name, direction, bits, description| Port {
            name,
            direction,
            bits,
            description,
        };
        Manifest {
            module: module.to_string(),
            summary,
            config: config.clone(),
            latency_cycles: plan.registers(),
            throughput_per_cycle: 1,
            seed_table_entries: table.len(),
            seed_table_bits: table.bits(),
            ports: vec![
                port("clk", "input", 1, "clock, rising edge"),
                port(
                    "rst",
                    "input",
                    1,
                    "synchronous reset, active high: clears every valid bit",
                ),
                port("s_axis_tvalid", "input", 1, "input sample valid"),
                port(
                    "s_axis_tready",
                    "output",
                    1,
                    "core accepts an input this cycle",
                ),
                port(
                    "s_axis_tdata",
                    "input",
                    config.input.bits,
                    "input code, two's complement, format input",
                ),
                port(
                    "m_axis_tvalid",
                    "output",
                    1,
                    "output sample valid (from a register)",
                ),
                port(
                    "m_axis_tready",
                    "input",
                    1,
                    "downstream accepts the output this cycle",
                ),
                port(
                    "m_axis_tdata",
                    "output",
                    config.output.bits,
                    "output code, two's complement, format output",
                ),
            ],
            reset: "synchronous, active high; data registers are not reset",
        }
    }
}
