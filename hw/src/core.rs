//! The top-level block: AXI-Stream ports and the pipeline control, in rust-hdl.
//!
//! Stage `k` is counted from the output (`k = 0` is the output register, `k = N-1` the input
//! register), so the ready chain reads in loop order:
//! `rdy[0] = m_axis_tready | !valid[0]`, `rdy[k] = rdy[k-1] | !valid[k]`.
//! Stage `k` loads (data and valid bit) when `rdy[k]`: a stage empties or advances, bubbles
//! collapse, and a full pipeline with `m_axis_tready` low holds every sample.
//! `s_axis_tready = rdy[N-1] & !rst`; `m_axis_tvalid = valid[0] & !rst` (never waits for ready;
//! low during reset, as AXI-Stream requires).
//! `rst` (synchronous, active high) clears every valid bit; data registers need no reset.

use isrlu_sw::pipeline::Plan;
use rust_hdl::prelude::*;

use crate::datapath::Datapath;
use crate::flop::Flop;

#[derive(LogicBlock)]
pub struct Core<const WI: usize, const WO: usize> {
    pub clk: Signal<In, Clock>,
    pub rst: Signal<In, Bit>,
    pub s_axis_tvalid: Signal<In, Bit>,
    pub s_axis_tready: Signal<Out, Bit>,
    pub s_axis_tdata: Signal<In, Bits<WI>>,
    pub m_axis_tvalid: Signal<Out, Bit>,
    pub m_axis_tready: Signal<In, Bit>,
    pub m_axis_tdata: Signal<Out, Bits<WO>>,
    valid: Vec<Flop<Bit>>,
    rdy: Vec<Signal<Local, Bit>>,
    dp: Datapath<WI, WO>,
}

impl<const WI: usize, const WO: usize> Core<WI, WO> {
    /// The core with its top-level inputs claimed, ready to simulate or generate.
    pub fn new(plan: Plan) -> Self {
        let n = plan.registers();
        let mut core = Core {
            clk: Default::default(),
            rst: Default::default(),
            s_axis_tvalid: Default::default(),
            s_axis_tready: Default::default(),
            s_axis_tdata: Default::default(),
            m_axis_tvalid: Default::default(),
            m_axis_tready: Default::default(),
            m_axis_tdata: Default::default(),
            valid: (0..n).map(|_| Flop::default()).collect(),
            rdy: (0..n).map(|_| Default::default()).collect(),
            dp: Datapath::new(plan),
        };
        core.clk.connect();
        core.rst.connect();
        core.s_axis_tvalid.connect();
        core.s_axis_tdata.connect();
        core.m_axis_tready.connect();
        core.connect_all();
        core
    }
}

impl<const WI: usize, const WO: usize> Logic for Core<WI, WO> {
    // Loop bounds are evaluated when the Verilog is generated (so they may be run-time
    // lengths; a bound with an operator needs parentheses); indices may only use the loop
    // variable, hence the one-iteration loop that reaches stage N-1.
    #[hdl_gen]
    fn update(&mut self) {
        self.dp.clk.next = self.clk.val();
        self.dp.din.next = self.s_axis_tdata.val();
        self.m_axis_tdata.next = self.dp.dout.val();
        self.m_axis_tvalid.next = self.valid[0].q.val() & !self.rst.val();
        self.rdy[0].next = self.m_axis_tready.val() | !self.valid[0].q.val();
        for k in 1..self.rdy.len() {
            self.rdy[k].next = self.rdy[k - 1].val() | !self.valid[k].q.val();
        }
        for k in 0..self.valid.len() {
            self.valid[k].clock.next = self.clk.val();
            self.dp.en[k].next = self.rdy[k].val();
            self.valid[k].d.next = self.valid[k].q.val();
        }
        for k in 0..(self.valid.len() - 1) {
            if self.rdy[k].val() {
                self.valid[k].d.next = self.valid[k + 1].q.val();
            }
        }
        for k in (self.valid.len() - 1)..self.valid.len() {
            if self.rdy[k].val() {
                self.valid[k].d.next = self.s_axis_tvalid.val();
            }
            self.s_axis_tready.next = self.rdy[k].val() & !self.rst.val();
        }
        if self.rst.val() {
            for k in 0..self.valid.len() {
                self.valid[k].d.next = false;
            }
        }
    }
}
