//! The stimulus every model is driven with, and the one rule by which a test bench applies it.
//!
//! Each cycle has three flags: `gap` (the source offers nothing new this cycle), `stall`
//! (`m_axis_tready` low) and `rst`. The source follows AXI-Stream: when it is not holding a
//! sample, it raises `s_axis_tvalid` with the next code unless `gap` or `rst` is set or the codes
//! are exhausted; a sample offered and not accepted (`s_axis_tready` low) stays offered, same
//! data, until accepted. During reset the source offers nothing (and re-offers the held sample
//! afterwards).

use isrlu_sw::metrics::splitmix64;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stimulus {
    /// Input codes, two's complement, in the order they are sent.
    pub codes: Vec<i64>,
    pub gap: Vec<bool>,
    pub stall: Vec<bool>,
    pub rst: Vec<bool>,
}

/// Reset cycles at the start of every stimulus.
pub const RESET_CYCLES: usize = 3;

impl Stimulus {
    pub fn cycles(&self) -> usize {
        self.gap.len()
    }

    /// Every code back to back, `m_axis_tready` always high, then `drain` idle cycles.
    pub fn back_to_back(codes: Vec<i64>, drain: usize) -> Self {
        let cycles = RESET_CYCLES + codes.len() + drain;
        let mut s = Stimulus {
            codes,
            gap: vec![false; cycles],
            stall: vec![false; cycles],
            rst: vec![false; cycles],
        };
        s.rst[..RESET_CYCLES].fill(true);
        s
    }

    /// Random gaps (probability `gap_prob`) and stalls (`stall_prob`) from `seed`, with enough
    /// cycles for every code to be sent, and `drain` final cycles without stalls.
    pub fn random(
        codes: Vec<i64>,
        gap_prob: f64,
        stall_prob: f64,
        seed: u64,
        drain: usize,
    ) -> Self {
        let rate = (1.0 - gap_prob) * (1.0 - stall_prob);
        let cycles =
            RESET_CYCLES + (codes.len() as f64 / rate.max(0.01) * 1.3) as usize + 64 + drain;
        let draw = |stream: u64, c: usize, p: f64| {
            let r = splitmix64(
                seed ^ stream.wrapping_mul(0x9e37_79b9_7f4a_7c15)
                    ^ (c as u64).wrapping_mul(0xd1b5_4a32_d192_ed03),
            );
            ((r >> 11) as f64 / (1u64 << 53) as f64) < p
        };
        let gap = (0..cycles).map(|c| draw(1, c, gap_prob)).collect();
        let mut stall: Vec<bool> = (0..cycles).map(|c| draw(2, c, stall_prob)).collect();
        stall[cycles - drain..].fill(false);
        let mut rst = vec![false; cycles];
        rst[..RESET_CYCLES].fill(true);
        Stimulus {
            codes,
            gap,
            stall,
            rst,
        }
    }

    /// Adds `cycles` stalled cycles starting at `at`.
    pub fn with_stall(mut self, at: usize, cycles: usize) -> Self {
        self.stall[at..at + cycles].fill(true);
        self
    }

    /// Asserts reset for `cycles` cycles starting at `at`.
    pub fn with_reset(mut self, at: usize, cycles: usize) -> Self {
        self.rst[at..at + cycles].fill(true);
        self
    }

    /// The core's inputs in `cycle`, offered by `source` (then call `source.advance`).
    pub fn inputs(&self, source: &mut Source<'_>, cycle: usize) -> crate::Inputs {
        let (s_valid, s_data) = source.offer(cycle);
        crate::Inputs {
            rst: self.rst[cycle],
            s_valid,
            s_data,
            m_ready: !self.stall[cycle],
        }
    }

    /// The source's state machine: call once per cycle with the core's `s_axis_tready` as seen
    /// before the edge (via `offer` then `advance`).
    pub fn source(&self) -> Source<'_> {
        Source {
            stimulus: self,
            next: 0,
            holding: false,
        }
    }

    /// The text form read by the Verilator and Icarus harnesses: a header line
    /// `CODES CYCLES INPUT_BITS`, the codes in hex (masked to the input width), then one line
    /// per cycle of three characters `gap stall rst` ('0'/'1').
    pub fn to_text(&self, input_bits: u32) -> String {
        let mask = (1u64 << input_bits) - 1;
        let mut s = String::with_capacity(self.codes.len() * 8 + self.cycles() * 4 + 64);
        s += &format!("{} {} {input_bits}\n", self.codes.len(), self.cycles());
        for c in &self.codes {
            s += &format!("{:x}\n", *c as u64 & mask);
        }
        let bit = |b: bool| if b { '1' } else { '0' };
        for c in 0..self.cycles() {
            s.push(bit(self.gap[c]));
            s.push(bit(self.stall[c]));
            s.push(bit(self.rst[c]));
            s.push('\n');
        }
        s
    }
}

/// The AXI-Stream source of a stimulus, one cycle at a time.
#[derive(Clone, Debug)]
pub struct Source<'a> {
    stimulus: &'a Stimulus,
    next: usize,
    holding: bool,
}

impl Source<'_> {
    /// `(s_axis_tvalid, code)` offered in `cycle`.
    pub fn offer(&mut self, cycle: usize) -> (bool, i64) {
        let s = self.stimulus;
        if s.rst[cycle] {
            self.holding = false;
            return (false, 0);
        }
        if !self.holding && (s.gap[cycle] || self.next >= s.codes.len()) {
            return (false, 0);
        }
        self.holding = true;
        (true, s.codes[self.next])
    }

    /// Ends the cycle: the offered sample was accepted iff `s_axis_tready` was high.
    pub fn advance(&mut self, accepted: bool) {
        if self.holding && accepted {
            self.next += 1;
            self.holding = false;
        }
    }

    pub fn sent(&self) -> usize {
        self.next
    }
}
