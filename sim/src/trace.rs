//! What the core's ports did each cycle, and the checker that compares it with the golden model
//! and the AXI-Stream rules.
//!
//! A cycle's record holds the outputs as sampled just before its rising edge: a transfer
//! happens in that cycle iff valid and ready are both high in the record.

use std::collections::VecDeque;
use std::fmt::Write;

use isrlu_sw::Datapath;

use crate::stimulus::Stimulus;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Cycle {
    pub s_ready: bool,
    pub m_valid: bool,
    /// `m_axis_tdata`'s bits (two's complement, output width).
    pub m_data: u64,
}

pub type Trace = Vec<Cycle>;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Report {
    pub cycles: usize,
    pub inputs: usize,
    pub outputs: usize,
    /// Samples lost to a reset while in flight.
    pub flushed: usize,
    pub min_latency: usize,
    pub max_latency: usize,
    /// Sum of every output's latency (for the mean).
    pub total_latency: usize,
}

impl Report {
    pub fn mean_latency(&self) -> f64 {
        self.total_latency as f64 / self.outputs.max(1) as f64
    }

    pub fn throughput(&self) -> f64 {
        self.outputs as f64 / self.cycles.max(1) as f64
    }
}

/// Checks `trace` (the core driven by `stimulus`) against the golden model `dp`: every output
/// equals the golden code of its input, in order, none lost or duplicated; a valid output holds
/// its data until accepted; every sample sent comes out by the end.
pub fn check(dp: &Datapath, stimulus: &Stimulus, trace: &Trace) -> Result<Report, String> {
    if trace.len() != stimulus.cycles() {
        return Err(format!(
            "trace has {} cycles, stimulus {}",
            trace.len(),
            stimulus.cycles()
        ));
    }
    let mask = |bits: u32| (1u64 << bits) - 1;
    let out_mask = mask(dp.output.bits);
    let mut source = stimulus.source();
    let mut in_flight: VecDeque<(usize, i64, u64)> = VecDeque::new();
    let mut r = Report {
        cycles: trace.len(),
        min_latency: usize::MAX,
        ..Report::default()
    };
    let mut previous: Option<Cycle> = None;
    for (c, now) in trace.iter().enumerate() {
        let (valid, x) = source.offer(c);
        let stall = stimulus.stall[c];
        if let Some(prev) = previous {
            let prev_stalled = prev.m_valid && stimulus.stall[c - 1];
            if prev_stalled
                && !stimulus.rst[c]
                && !stimulus.rst[c - 1]
                && (!now.m_valid || now.m_data != prev.m_data)
            {
                return Err(format!(
                    "cycle {c}: m_axis_tvalid/tdata changed before the output was accepted"
                ));
            }
        }
        if stimulus.rst[c] && (now.m_valid || now.s_ready) {
            return Err(format!(
                "cycle {c}: m_axis_tvalid or s_axis_tready high during reset"
            ));
        }
        if now.m_valid && !stall {
            let Some((c_in, x_in, want)) = in_flight.pop_front() else {
                return Err(format!(
                    "cycle {c}: output {:#x} with no sample in flight",
                    now.m_data
                ));
            };
            if now.m_data != want {
                return Err(format!(
                    "cycle {c}: input code {x_in} (sent in cycle {c_in}) gave {} (bits {:#x}), golden model {}",
                    dp.output.wrap(now.m_data as i64),
                    now.m_data,
                    dp.output.wrap(want as i64)
                ));
            }
            r.outputs += 1;
            r.min_latency = r.min_latency.min(c - c_in);
            r.max_latency = r.max_latency.max(c - c_in);
            r.total_latency += c - c_in;
        }
        if valid && now.s_ready {
            in_flight.push_back((c, x, dp.eval(x) as u64 & out_mask));
            r.inputs += 1;
        }
        source.advance(now.s_ready);
        if stimulus.rst[c] {
            r.flushed += in_flight.len();
            in_flight.clear();
        }
        previous = Some(*now);
    }
    if source.sent() < stimulus.codes.len() {
        return Err(format!(
            "only {} of {} codes were accepted: stimulus too short",
            source.sent(),
            stimulus.codes.len()
        ));
    }
    if !in_flight.is_empty() {
        return Err(format!(
            "{} samples never came out (first: input {})",
            in_flight.len(),
            in_flight[0].1
        ));
    }
    if r.outputs == 0 {
        r.min_latency = 0;
    }
    Ok(r)
}

/// The per-cycle text the harnesses print: `s_ready m_valid m_data_hex` per line. Unknown bits
/// (`x`, `z`: data registers are not reset) are allowed in `m_data` only while `m_valid` is low.
pub fn parse(text: &str) -> Result<Trace, String> {
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let bad = || format!("harness output line {}: '{line}'", i + 1);
            let f: Vec<&str> = line.split_whitespace().collect();
            let [ready, valid, data] = f[..] else {
                return Err(bad());
            };
            let bit = |v: &str| match v {
                "0" => Ok(false),
                "1" => Ok(true),
                _ => Err(bad()),
            };
            let (s_ready, m_valid) = (bit(ready)?, bit(valid)?);
            let m_data = match u64::from_str_radix(data, 16) {
                Ok(v) => v,
                Err(_)
                    if !m_valid
                        && data
                            .chars()
                            .all(|c| c.is_ascii_hexdigit() || "xXzZ".contains(c)) =>
                {
                    0
                }
                Err(_) => return Err(bad()),
            };
            Ok(Cycle {
                s_ready,
                m_valid,
                m_data,
            })
        })
        .collect()
}

/// Formats a trace the way the harnesses print it.
pub fn format(trace: &Trace) -> String {
    let mut s = String::with_capacity(trace.len() * 8);
    for c in trace {
        let _ = writeln!(
            s,
            "{} {} {:x}",
            u8::from(c.s_ready),
            u8::from(c.m_valid),
            c.m_data
        );
    }
    s
}
