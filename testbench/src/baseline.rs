//! The designs users would otherwise pick, measured by the same tools:
//!
//! - `plain_table`: one entry per input code holding the correctly rounded output (only for
//!   inputs of at most 16 bits): exact, but `2^W_in` words of storage.
//! - `table_1024`: 1024 entries indexed by the top 10 bits of the input, each the correctly
//!   rounded output at the lowest input of its bin, no interpolation: how hls4ml builds its
//!   activation tables.
//!
//! Both are a registered input, a ROM (initialised from a hex file) and a registered output.

use std::path::Path;

use isrlu_sw::{Config, Exact};
use serde::Serialize;

use crate::fpga::{self, Area, Family};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    PlainTable,
    Table1024,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::PlainTable => "plain_table",
            Kind::Table1024 => "table_1024",
        }
    }

    /// Address bits of the table, or `None` when the kind does not apply to this input width.
    pub fn address_bits(self, config: &Config) -> Option<u32> {
        match self {
            Kind::PlainTable => (config.input.bits <= 16).then_some(config.input.bits),
            Kind::Table1024 => Some(10.min(config.input.bits)),
        }
    }
}

/// The table's contents: entry `i` for the input codes whose top address bits (offset binary,
/// so entry 0 holds the most negative inputs) are `i`.
pub fn contents(config: &Config, kind: Kind) -> Option<Vec<i64>> {
    let k = kind.address_bits(config)?;
    let exact = Exact::new(config);
    let shift = config.input.bits - k;
    Some(
        (0..1i64 << k)
            .map(|i| exact.rounded(config.input.min_code() + (i << shift)))
            .collect(),
    )
}

/// The baseline's output for input code `x`.
pub fn lookup(config: &Config, kind: Kind, table: &[i64], x: i64) -> i64 {
    let k = kind.address_bits(config).expect("table exists");
    table[((x - config.input.min_code()) >> (config.input.bits - k)) as usize]
}

/// The Verilog of the baseline, module `name`, reading its ROM from `hex_file`.
pub fn verilog(config: &Config, kind: Kind, name: &str, hex_file: &str) -> String {
    let k = kind.address_bits(config).expect("table exists");
    let (wi, wo) = (config.input.bits, config.output.bits);
    format!(
        r#"module {name} (
    input  wire clk,
    input  wire [{hi}:0] x,
    output reg  [{ho}:0] y
);
    reg [{ho}:0] rom [0:{last}];
    initial $readmemh("{hex_file}", rom);
    reg [{hk}:0] index;
    always @(posedge clk) begin
        index <= {{~x[{hi}], x[{hm}:{lo}]}};
        y <= rom[index];
    end
endmodule
"#,
        hi = wi - 1,
        hm = wi - 2,
        lo = wi - k,
        hk = k - 1,
        ho = wo - 1,
        last = (1u64 << k) - 1,
    )
}

/// Synthesizes the baseline for `family` in `dir`.
pub fn synthesize(config: &Config, kind: Kind, family: Family, dir: &Path) -> Result<Area, String> {
    let table = contents(config, kind).ok_or("no such table for this input width")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mask = (1u64 << config.output.bits) - 1;
    let hex: String = table
        .iter()
        .map(|v| format!("{:x}\n", *v as u64 & mask))
        .collect();
    let name = kind.name();
    std::fs::write(dir.join(format!("{name}.hex")), hex).map_err(|e| e.to_string())?;
    fpga::synthesize(
        &verilog(config, kind, name, &format!("{name}.hex")),
        name,
        family,
        dir,
    )
}
