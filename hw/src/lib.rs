//! The rust-hdl datapath (issue: hardware). Empty until then.
