//! A fast cycle-accurate simulator of the generated pipeline, bit- and cycle-exact with the
//! emitted Verilog.
//!
//! The structure (registers, what each holds, the segment between two registers) is the
//! pipeline plan the hardware is generated from, and each segment runs the golden model's stage
//! functions ([`Plan::apply`]): nothing here re-implements the arithmetic. The control is the
//! hardware's, register by register: counting `j` from the input register (0) to the output
//! register (`N-1`), `ready(N-1) = m_axis_tready | !valid(N-1)`, `ready(j) = ready(j+1) | !valid(j)`;
//! register `j` loads (data and valid bit) when `ready(j)`; `s_axis_tready = ready(0) & !rst`,
//! `m_axis_tvalid = valid(N-1) & !rst`; `rst` clears every valid bit at the edge. Data registers
//! load whatever reaches them, bubbles included, as the hardware does, so even `m_axis_tdata`
//! while not valid matches.

pub mod batch;
pub mod stimulus;
pub mod trace;
pub mod vcd_out;

use isrlu_sw::pipeline::{Bundle, Plan, Value, mask};

use stimulus::Stimulus;
use trace::{Cycle, Trace};

/// The core's inputs during one cycle.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Inputs {
    pub rst: bool,
    pub s_valid: bool,
    /// Input code (two's complement; only its low input-width bits are used).
    pub s_data: i64,
    pub m_ready: bool,
}

#[derive(Clone, Debug)]
pub struct Simulator {
    plan: Plan,
    regs: Vec<Bundle>,
    valid: Vec<bool>,
    input_mask: u128,
    output_mask: u128,
}

impl Simulator {
    /// Power-up state: every register holds zeros (Verilator's `--x-initial 0`).
    pub fn new(plan: Plan) -> Self {
        let n = plan.registers();
        let input_mask = mask(plan.datapath.input.bits);
        let output_mask = mask(plan.datapath.output.bits);
        Simulator {
            regs: vec![Bundle::default(); n],
            valid: vec![false; n],
            plan,
            input_mask,
            output_mask,
        }
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Register `j`'s contents and valid bit.
    pub fn register(&self, j: usize) -> (&Bundle, bool) {
        (&self.regs[j], self.valid[j])
    }

    /// The outputs during a cycle with these inputs, as sampled before the rising edge.
    pub fn outputs(&self, inputs: &Inputs) -> Cycle {
        let n = self.valid.len();
        // ready(0) = m_axis_tready | some register is empty.
        let ready_in = inputs.m_ready || self.valid.iter().any(|v| !v);
        Cycle {
            s_ready: ready_in && !inputs.rst,
            m_valid: self.valid[n - 1] && !inputs.rst,
            m_data: (self.regs[n - 1].get(Value::Code) & self.output_mask) as u64,
        }
    }

    /// The rising clock edge. Registers are visited from the output back, so each reads its
    /// predecessor's pre-edge contents, and `ready(j)` is built on the way.
    pub fn clock(&mut self, inputs: &Inputs) {
        let n = self.valid.len();
        let mut ready = inputs.m_ready;
        for j in (1..n).rev() {
            ready |= !self.valid[j];
            if ready {
                let mut b = self.regs[j - 1];
                for op in &self.plan.segments[j - 1] {
                    self.plan.apply(*op, &mut b);
                }
                self.regs[j] = b;
                self.valid[j] = self.valid[j - 1];
            }
        }
        ready |= !self.valid[0];
        if ready {
            let mut b = Bundle::default();
            b.set(Value::X, inputs.s_data as u128 & self.input_mask);
            self.regs[0] = b;
            self.valid[0] = inputs.s_valid;
        }
        if inputs.rst {
            self.valid.fill(false);
        }
    }

    /// One cycle: the outputs before the edge, then the edge.
    pub fn step(&mut self, inputs: &Inputs) -> Cycle {
        let out = self.outputs(inputs);
        self.clock(inputs);
        out
    }

    /// Runs a stimulus and keeps only the output codes transferred, in order, and the number of
    /// cycles (for long sweeps, where a per-cycle trace would not fit in memory).
    pub fn run_outputs(&mut self, stimulus: &Stimulus) -> Vec<i64> {
        let mut source = stimulus.source();
        let mut codes = Vec::with_capacity(stimulus.codes.len());
        let output = self.plan.datapath.output;
        for c in 0..stimulus.cycles() {
            let inputs = stimulus.inputs(&mut source, c);
            let out = self.step(&inputs);
            source.advance(out.s_ready);
            if out.m_valid && inputs.m_ready {
                codes.push(output.wrap(out.m_data as i64));
            }
        }
        codes
    }

    /// Runs a whole stimulus with its source rule; the per-cycle port trace.
    pub fn run(&mut self, stimulus: &Stimulus) -> Trace {
        let mut source = stimulus.source();
        let mut trace = Trace::with_capacity(stimulus.cycles());
        for c in 0..stimulus.cycles() {
            let inputs = stimulus.inputs(&mut source, c);
            let out = self.step(&inputs);
            source.advance(out.s_ready);
            trace.push(out);
        }
        trace
    }
}
