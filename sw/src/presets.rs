//! Named configurations compiled into the tool. Their table sizes, Newton steps and internal
//! widths are the cheapest found (by exhaustive search over the golden model) that reach the
//! accuracy each is listed with; `tests/presets.rs` re-checks that accuracy exhaustively.

use crate::{Alpha, Config, ConfigError, Format, Function, Rounding};

pub const DEFAULT_PRESET: &str = "isrlu16";

/// `(name, what it is)` for every preset, in listing order.
pub const PRESETS: [(&str, &str); 4] = [
    (
        "isrlu16",
        "ISRLU, alpha 1, 16.12 -> 16.12, correctly rounded (the default)",
    ),
    ("isru16", "ISRU, alpha 1, 16.12 -> 16.15, correctly rounded"),
    ("isrlu8", "ISRLU, alpha 1, 8.4 -> 8.4, correctly rounded"),
    ("isru24", "ISRU, alpha 1, 24.16 -> 24.22, correctly rounded"),
];

struct Spec {
    function: Function,
    input: (u32, u32),
    output: (u32, u32),
    table: (u32, u32),
    newton_steps: u32,
    internal_frac_bits: u32,
    seed_cubes: bool,
}

fn spec(name: &str) -> Option<Spec> {
    use Function::*;
    let s = |function, input, output, table, newton_steps, internal_frac_bits, seed_cubes| Spec {
        function,
        input,
        output,
        table,
        newton_steps,
        internal_frac_bits,
        seed_cubes,
    };
    Some(match name {
        "isrlu16" => s(Isrlu, (16, 12), (16, 12), (6, 10), 1, 14, true),
        "isru16" => s(Isru, (16, 12), (16, 15), (9, 10), 1, 17, true),
        "isrlu8" => s(Isrlu, (8, 4), (8, 4), (4, 6), 0, 6, false),
        "isru24" => s(Isru, (24, 16), (24, 22), (6, 7), 2, 25, true),
        _ => return None,
    })
}

/// The preset called `name`.
pub fn preset(name: &str) -> Result<Config, ConfigError> {
    let s = spec(name).ok_or_else(|| {
        let names: Vec<_> = PRESETS.iter().map(|(n, _)| *n).collect();
        ConfigError::new(format!(
            "unknown preset '{name}' (known: {})",
            names.join(", ")
        ))
    })?;
    let config = Config {
        function: s.function,
        alpha: Alpha::from_f64(1.0)?,
        input: Format::new(s.input.0, s.input.1)?,
        output: Format::new(s.output.0, s.output.1)?,
        table_address_bits: s.table.0,
        table_value_bits: s.table.1,
        newton_steps: s.newton_steps,
        internal_frac_bits: s.internal_frac_bits,
        seed_cubes: s.seed_cubes,
        rounding: Rounding::Nearest,
        saturate: false,
        registers: crate::config::default_registers(),
        clock_mhz: 100.0,
    };
    config.validate()?;
    Ok(config)
}
