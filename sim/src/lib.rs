//! A fast cycle-accurate simulator of the generated pipeline, bit- and cycle-exact with the
//! emitted Verilog.
//!
//! The structure (registers, what each holds, the segment between two registers) is the
//! pipeline plan the hardware is generated from, and the arithmetic is the golden model's stage
//! functions: nothing here re-implements it. The control is the hardware's, register by
//! register: counting `j` from the input register (0) to the output register (`N-1`),
//! `ready(N-1) = m_axis_tready | !valid(N-1)`, `ready(j) = ready(j+1) | !valid(j)`; register `j`
//! loads (data and valid bit) when `ready(j)`; `s_axis_tready = ready(0) & !rst`,
//! `m_axis_tvalid = valid(N-1) & !rst`; `rst` clears every valid bit at the edge. Data registers
//! load whatever reaches them, bubbles included, as the hardware does, so even `m_axis_tdata`
//! while not valid matches.
//!
//! Why it is fast: every datapath register holds a pure function of what the input register
//! held when that data entered (or, from power-up, of the all-zero contents of the register
//! where it started). So each register is tracked by its [`Origin`] alone, and the output code is
//! computed once, when data reaches the output register: the golden model's `eval` for an input
//! (equal to running every segment, as `sw`'s tests check), or the segments run on zeros for
//! power-up contents. Any register's full contents are rebuilt from its origin on demand
//! ([`Simulator::register`]) with the plan's segments, e.g. for waveforms.

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

/// Where a register's contents came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The all-zero power-up contents of register `j`, carried down the pipeline.
    PowerUp(usize),
    /// The input register held this code (sign-extended from the input width).
    Input(i64),
}

#[derive(Clone, Debug)]
pub struct Simulator {
    plan: Plan,
    origin: Vec<Origin>,
    valid: Vec<bool>,
    /// Registers whose valid bit is low.
    empty: usize,
    /// The output register's code bits.
    out_code: u64,
    /// `power_up_codes[j]`: the output code of zeros that started in register `j`.
    power_up_codes: Vec<u64>,
}

impl Simulator {
    /// Power-up state: every register holds zeros (Verilator's `--x-initial 0`).
    pub fn new(plan: Plan) -> Self {
        let n = plan.registers();
        let mut sim = Simulator {
            origin: (0..n).map(Origin::PowerUp).collect(),
            valid: vec![false; n],
            empty: n,
            out_code: 0,
            power_up_codes: Vec::new(),
            plan,
        };
        sim.power_up_codes = (0..n)
            .map(|j| sim.contents(Origin::PowerUp(j), n - 1).get(Value::Code) as u64)
            .collect();
        sim
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The contents of register `j` holding data of origin `o`, rebuilt with the plan's segments.
    fn contents(&self, o: Origin, j: usize) -> Bundle {
        let (mut b, from) = match o {
            Origin::PowerUp(start) => (Bundle::default(), start),
            Origin::Input(x) => (self.plan.input(x), 0),
        };
        for seg in from..j {
            for op in &self.plan.segments[seg] {
                self.plan.apply(*op, &mut b);
            }
        }
        let mut held = Bundle::default();
        for v in &self.plan.live[j] {
            held.set(*v, b.get(*v));
        }
        held
    }

    /// Register `j`'s contents (as the Verilog's `r{j}_*` registers hold them) and valid bit.
    pub fn register(&self, j: usize) -> (Bundle, bool) {
        (self.contents(self.origin[j], j), self.valid[j])
    }

    fn code(&self, o: Origin) -> u64 {
        match o {
            Origin::PowerUp(j) => self.power_up_codes[j],
            Origin::Input(x) => {
                let golden = &self.plan.datapath;
                golden.eval(x) as u64 & mask(golden.output.bits) as u64
            }
        }
    }

    /// The outputs during a cycle with these inputs, as sampled before the rising edge.
    #[inline]
    pub fn outputs(&self, inputs: &Inputs) -> Cycle {
        let n = self.valid.len();
        // ready(0) = m_axis_tready | some register is empty.
        let ready_in = inputs.m_ready || self.empty > 0;
        Cycle {
            s_ready: ready_in && !inputs.rst,
            m_valid: self.valid[n - 1] && !inputs.rst,
            m_data: self.out_code,
        }
    }

    /// The rising clock edge. `ready(j) = ready(j+1) | !valid(j)` holds for every register up to
    /// the highest ready one, `h`: registers `0..=h` each load their predecessor's pre-edge
    /// contents (the input register loads `s_axis_tdata`), the others hold.
    #[inline]
    pub fn clock(&mut self, inputs: &Inputs) {
        let n = self.valid.len();
        let highest_ready = if inputs.m_ready || !self.valid[n - 1] {
            Some(n - 1)
        } else {
            self.valid.iter().rposition(|v| !v)
        };
        if let Some(h) = highest_ready {
            if h == n - 1 {
                self.out_code = self.code(self.origin[n - 2]);
            }
            self.origin.copy_within(0..h, 1);
            self.valid.copy_within(0..h, 1);
            self.origin[0] = Origin::Input(self.plan.datapath.input.wrap(inputs.s_data));
            self.valid[0] = inputs.s_valid;
        }
        if inputs.rst {
            self.valid.fill(false);
        }
        self.empty = self.valid.iter().filter(|v| !**v).count();
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
