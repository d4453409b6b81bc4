//! VCD waveforms of a simulation: clk, rst, the AXI-Stream ports and every pipeline register,
//! named and scoped as in the emitted Verilog (`NAME.dp.r3_y0`, `NAME.valid_0.q`), so a
//! waveform viewer shows the same picture for both. Times in ns, clock period 10 ns: inputs
//! change at `10c`, the rising edge is at `10c + 5`.

use std::io::{self, Write};

use vcd::{IdCode, TimescaleUnit, Value as Bit};

use crate::stimulus::Stimulus;
use crate::trace::{Cycle, Trace};
use crate::{Inputs, Simulator};

struct Signal {
    id: IdCode,
    width: u32,
    last: Option<u128>,
}

struct Recorder<W: Write> {
    w: vcd::Writer<W>,
    signals: Vec<Signal>,
}

impl<W: Write> Recorder<W> {
    fn add(&mut self, width: u32, name: &str) -> io::Result<usize> {
        let id = self.w.add_wire(width, name)?;
        self.signals.push(Signal {
            id,
            width,
            last: None,
        });
        Ok(self.signals.len() - 1)
    }

    fn set(&mut self, i: usize, value: u128) -> io::Result<()> {
        let s = &mut self.signals[i];
        if s.last == Some(value) {
            return Ok(());
        }
        s.last = Some(value);
        if s.width == 1 {
            self.w.change_scalar(s.id, value & 1 == 1)
        } else {
            let bits = (0..s.width).rev().map(|b| Bit::from(value >> b & 1 == 1));
            self.w.change_vector(s.id, bits)
        }
    }
}

/// Runs `stimulus` on `sim`, writing the waveform of module `top` to `out`; returns the trace.
pub fn run_with_vcd<W: Write>(
    sim: &mut Simulator,
    stimulus: &Stimulus,
    out: W,
    top: &str,
) -> io::Result<Trace> {
    let plan = sim.plan().clone();
    let (wi, wo) = (plan.datapath.input.bits, plan.datapath.output.bits);
    let n = plan.registers();
    let mut r = Recorder {
        w: vcd::Writer::new(out),
        signals: Vec::new(),
    };
    r.w.timescale(1, TimescaleUnit::NS)?;
    r.w.add_module(top)?;
    let ports = [
        (1, "clk"),
        (1, "rst"),
        (1, "s_axis_tvalid"),
        (1, "s_axis_tready"),
        (wi, "s_axis_tdata"),
        (1, "m_axis_tvalid"),
        (1, "m_axis_tready"),
        (wo, "m_axis_tdata"),
    ];
    for (width, name) in ports {
        r.add(width, name)?;
    }
    let mut valid_ids = vec![0; n];
    for (j, id) in valid_ids.iter_mut().enumerate() {
        r.w.add_module(&format!("valid_{}", n - 1 - j))?;
        *id = r.add(1, "q")?;
        r.w.upscope()?;
    }
    r.w.add_module("dp")?;
    let mut reg_ids = Vec::new();
    for (j, live) in plan.live.iter().enumerate() {
        for v in live {
            reg_ids.push((j, *v, r.add(plan.width(*v), &format!("r{j}_{}", v.name()))?));
        }
    }
    r.w.upscope()?;
    r.w.upscope()?;
    r.w.enddefinitions()?;

    let mut source = stimulus.source();
    let mut trace = Trace::with_capacity(stimulus.cycles());
    let ports = |r: &mut Recorder<W>, i: &Inputs, o: &Cycle| -> io::Result<()> {
        let mask = |bits: u32| (1u128 << bits) - 1;
        r.set(1, i.rst.into())?;
        r.set(2, i.s_valid.into())?;
        r.set(3, o.s_ready.into())?;
        r.set(4, i.s_data as u128 & mask(wi))?;
        r.set(5, o.m_valid.into())?;
        r.set(6, i.m_ready.into())?;
        r.set(7, o.m_data.into())
    };
    let registers = |r: &mut Recorder<W>, sim: &Simulator| -> io::Result<()> {
        let regs: Vec<_> = (0..valid_ids.len()).map(|j| sim.register(j)).collect();
        for (j, id) in valid_ids.iter().enumerate() {
            r.set(*id, regs[j].1.into())?;
        }
        for (j, v, id) in &reg_ids {
            r.set(*id, regs[*j].0.get(*v))?;
        }
        Ok(())
    };
    registers(&mut r, sim)?;
    for c in 0..stimulus.cycles() {
        let inputs = stimulus.inputs(&mut source, c);
        r.w.timestamp(10 * c as u64)?;
        r.set(0, 0)?;
        let out = sim.outputs(&inputs);
        ports(&mut r, &inputs, &out)?;
        sim.clock(&inputs);
        source.advance(out.s_ready);
        trace.push(out);
        r.w.timestamp(10 * c as u64 + 5)?;
        r.set(0, 1)?;
        registers(&mut r, sim)?;
        ports(&mut r, &inputs, &sim.outputs(&inputs))?;
    }
    r.w.timestamp(10 * stimulus.cycles() as u64)?;
    r.w.flush()?;
    Ok(trace)
}
