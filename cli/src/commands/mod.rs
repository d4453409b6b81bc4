pub mod accuracy;
pub mod bench;
pub mod config;
pub mod eval;
pub mod generate;
pub mod presets;
pub mod report;
pub mod simulate;
