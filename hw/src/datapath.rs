//! The datapath block: every pipeline register and the arithmetic between them. Its Verilog
//! body is built at run time ([`crate::body`]) because its internal widths come from the
//! configuration; its Rust simulation runs the same pipeline plan with the golden model's
//! arithmetic. Register `j` loads when `en$k` is high, `k = registers - 1 - j` (counted from the
//! output, as the control block numbers its stages).

use isrlu_sw::pipeline::{Bundle, Plan, Value};
use rust_hdl::prelude::*;

#[derive(LogicBlock)]
pub struct Datapath<const WI: usize, const WO: usize> {
    pub clk: Signal<In, Clock>,
    pub en: Vec<Signal<In, Bit>>,
    pub din: Signal<In, Bits<WI>>,
    pub dout: Signal<Out, Bits<WO>>,
    // Fields starting with `_` are plain Rust state, not hardware.
    _plan: Plan,
    _regs: Vec<Bundle>,
}

impl<const WI: usize, const WO: usize> Datapath<WI, WO> {
    pub fn new(plan: Plan) -> Self {
        let n = plan.registers();
        Datapath {
            clk: Default::default(),
            en: (0..n).map(|_| Default::default()).collect(),
            din: Default::default(),
            dout: Default::default(),
            _regs: vec![Bundle::default(); n],
            _plan: plan,
        }
    }
}

impl<const WI: usize, const WO: usize> Logic for Datapath<WI, WO> {
    fn update(&mut self) {
        // pos_edge() holds in exactly one update() per edge, with the pre-edge inputs.
        if self.clk.pos_edge() {
            let n = self._regs.len();
            let old = self._regs.clone();
            for j in 0..n {
                if self.en[n - 1 - j].val() {
                    self._regs[j] = if j == 0 {
                        let x = self.din.val().to_u128() as u64 as i64;
                        self._plan.input(x)
                    } else {
                        self._plan.segment(j - 1, &old[j - 1])
                    };
                }
            }
        }
        let code = self._regs[self._regs.len() - 1].get(Value::Code);
        self.dout.next = (code as u64).into();
    }

    fn connect(&mut self) {
        self.dout.connect();
    }

    fn hdl(&self) -> Verilog {
        Verilog::Custom(crate::body::datapath_body(&self._plan))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        let mut inputs = vec!["din".to_string()];
        inputs.extend((0..self.en.len()).map(|k| format!("en${k}")));
        vec![TimingInfo {
            name: "datapath".into(),
            clock: "clk".into(),
            inputs,
            outputs: vec!["dout".into()],
        }]
    }
}
