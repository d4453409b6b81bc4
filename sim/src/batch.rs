//! Batch mode: many independent streams through their own copy of the pipeline, on all cores,
//! for exhaustive sweeps and design-space exploration.

use std::time::Instant;

use isrlu_sw::pipeline::Plan;
use rayon::prelude::*;

use crate::Simulator;
use crate::stimulus::Stimulus;

#[derive(Clone, Debug, PartialEq)]
pub struct BatchRun {
    /// Output codes in input order (every stream's, concatenated).
    pub outputs: Vec<i64>,
    pub streams: usize,
    /// Cycles simulated, summed over the streams.
    pub cycles: u64,
    pub seconds: f64,
}

/// Splits `codes` into `streams` consecutive streams, each driven with random gaps and
/// backpressure (`gap_prob`, `stall_prob`, seeds `seed + stream`), and simulates them in parallel.
pub fn run(
    plan: &Plan,
    codes: &[i64],
    streams: usize,
    gap_prob: f64,
    stall_prob: f64,
    seed: u64,
) -> BatchRun {
    let start = Instant::now();
    let chunk = codes.len().div_ceil(streams.max(1)).max(1);
    let drain = plan.registers() + 4;
    let parts: Vec<(Vec<i64>, u64)> = codes
        .par_chunks(chunk)
        .enumerate()
        .map(|(i, part)| {
            let stim = Stimulus::random(
                part.to_vec(),
                gap_prob,
                stall_prob,
                seed.wrapping_add(i as u64),
                drain,
            );
            let mut sim = Simulator::new(plan.clone());
            (sim.run_outputs(&stim), stim.cycles() as u64)
        })
        .collect();
    let cycles = parts.iter().map(|p| p.1).sum();
    let streams = parts.len();
    let outputs = parts.into_iter().flat_map(|p| p.0).collect();
    BatchRun {
        outputs,
        streams,
        cycles,
        seconds: start.elapsed().as_secs_f64(),
    }
}
