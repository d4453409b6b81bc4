//! Reset in mid-stream and a long stall, in Verilator: nothing is lost, duplicated or reordered
//! except the samples in flight at a reset, and no output is valid after a reset until a new
//! input has gone through the pipeline.

mod common;

use common::*;
use isrlu_testbench::verilator::Model;
use isrlu_testbench::{Stimulus, check};

#[test]
fn reset_mid_stream_and_long_stall() {
    let core = preset_core("isru16");
    let model = Model::build(&core.verilog, &core.name, 16, &work_dir("verilator")).unwrap();
    let codes = random_codes(&core.config, 20_000, 5);
    let reset_at = 1000;
    let stim = Stimulus::random(codes, 0.1, 0.2, 11, 32)
        .with_reset(reset_at, 2)
        .with_stall(5000, 3000);
    let trace = model.run(&stim, "reset_stall").unwrap();
    let r = check(&core.golden, &stim, &trace).unwrap_or_else(|e| panic!("{e}"));
    assert!(r.flushed > 0 && r.flushed <= core.latency, "{r:?}");
    assert_eq!(r.outputs + r.flushed, r.inputs);
    // During the stall the pipeline fills up and then holds: the output stays valid and unchanged.
    assert!(
        trace[5000..8000]
            .windows(2)
            .all(|w| w[1].m_valid && w[1].m_data == w[0].m_data)
    );
    assert!(
        !trace[5000 + core.latency + 1..8000]
            .iter()
            .any(|c| c.s_ready)
    );
    // After the reset, no valid output before the first new input has crossed the pipeline.
    let after = reset_at + 2;
    let first_in = (after..trace.len())
        .find(|&c| trace[c].s_ready && !stim.gap[c])
        .unwrap();
    let first_out = (after..trace.len()).find(|&c| trace[c].m_valid).unwrap();
    assert!(
        first_out >= first_in + core.latency,
        "output at {first_out}, input at {first_in}"
    );
}
