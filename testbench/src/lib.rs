//! Runs every model of the core on the same stimulus and checks them against the golden model:
//! [`stimulus`] (input codes, gaps in `s_axis_tvalid`, backpressure on `m_axis_tready`, resets),
//! [`trace`] (what the core's ports did each cycle, and the checker), and harnesses for
//! [`verilator`] and [`icarus`] running the emitted Verilog.

pub mod icarus;
pub mod rust_hdl_sim;
pub mod stimulus;
pub mod tools;
pub mod trace;
pub mod verilator;

pub use stimulus::Stimulus;
pub use trace::{Cycle, Report, Trace, check};
