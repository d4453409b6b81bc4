//! Runs every model of the core on the same stimulus and checks them against the golden model:
//! [`stimulus`] and [`trace`] (shared with the cycle simulator: input codes, gaps in
//! `s_axis_tvalid`, backpressure on `m_axis_tready`, resets; what the ports did each cycle, and
//! the checker), and harnesses for [`verilator`], [`icarus`] and [`rust_hdl_sim`].

pub mod baseline;
pub mod explore;
pub mod fpga;
pub mod icarus;
pub mod plots;
pub mod report;
pub mod report_md;
pub mod rust_hdl_sim;
pub mod speed;
pub mod tools;
pub mod verilator;

pub use isrlu_sim::stimulus::{self, Stimulus};
pub use isrlu_sim::trace::{self, Cycle, Report, Trace, check};
