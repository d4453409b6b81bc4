//! Runs the emitted Verilog under Icarus Verilog (`iverilog -g2005`, `vvp`): a Verilog test
//! bench applies a [`Stimulus`] with the same source rule as every other harness.

use std::path::Path;
use std::process::Command;

use crate::Stimulus;
use crate::tools::{find, run};
use crate::trace::{Trace, parse};

fn bench(top: &str, wi: u32, wo: u32) -> String {
    format!(
        r#"`timescale 1ns/1ps
module tb;
    reg clk = 1'b0, rst = 1'b1, s_valid = 1'b0, m_ready = 1'b0;
    reg [{hi}:0] s_data = {wi}'h0;
    wire s_ready, m_valid;
    wire [{ho}:0] m_data;
    {top} dut(.clk(clk), .rst(rst), .s_axis_tvalid(s_valid), .s_axis_tready(s_ready), .s_axis_tdata(s_data),
              .m_axis_tvalid(m_valid), .m_axis_tready(m_ready), .m_axis_tdata(m_data));
    integer fin, fout, n, cycles, bits, i, c, next, holding, r;
    reg [63:0] codes [0:{max}];
    reg [23:0] line;
    reg gap, stall;
    initial begin
        fin = $fopen("stimulus.txt", "r");
        fout = $fopen("trace.txt", "w");
        r = $fscanf(fin, "%d %d %d", n, cycles, bits);
        for (i = 0; i < n; i = i + 1) r = $fscanf(fin, "%h", codes[i]);
        next = 0; holding = 0;
        for (c = 0; c < cycles; c = c + 1) begin
            r = $fscanf(fin, "%s", line);
            gap = line[23:16] == "1"; stall = line[15:8] == "1"; rst = line[7:0] == "1";
            s_valid = 1'b0; s_data = {wi}'h0;
            if (rst) holding = 0;
            else if (holding || (!gap && next < n)) begin holding = 1; s_valid = 1'b1; s_data = codes[next][{hi}:0]; end
            m_ready = !stall;
            #1;
            $fwrite(fout, "%0d %0d %h\n", s_ready, m_valid, m_data);
            if (holding && s_ready) begin next = next + 1; holding = 0; end
            #4 clk = 1'b1;
            #5 clk = 1'b0;
        end
        $fclose(fout);
        $finish;
    end
endmodule
"#,
        hi = wi - 1,
        ho = wo - 1,
        max = 1 << 20,
    )
}

/// Compiles `verilog` with a test bench in `dir`, runs `stimulus` (at most 2^20 codes), returns
/// the per-cycle trace.
pub fn run_stimulus(
    verilog: &str,
    top: &str,
    wi: u32,
    wo: u32,
    stimulus: &Stimulus,
    dir: &Path,
) -> Result<Trace, String> {
    find("iverilog")?;
    find("vvp")?;
    if stimulus.codes.len() > 1 << 20 {
        return Err("the Icarus bench holds at most 2^20 codes".into());
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    std::fs::write(dir.join(format!("{top}.v")), verilog).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("tb.v"), bench(top, wi, wo)).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("stimulus.txt"), stimulus.to_text(wi)).map_err(|e| e.to_string())?;
    run(Command::new("iverilog").current_dir(dir).args([
        "-g2005",
        "-o",
        "tb.vvp",
        "tb.v",
        &format!("{top}.v"),
    ]))?;
    run(Command::new("vvp").current_dir(dir).args(["-n", "tb.vvp"]))?;
    let text = std::fs::read_to_string(dir.join("trace.txt")).map_err(|e| e.to_string())?;
    parse(&text)
}
