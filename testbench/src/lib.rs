//! Test benches and reports over every model (issue: reports). Empty until then.
