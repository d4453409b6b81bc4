//! Runs the emitted Verilog under Verilator: a C++ harness applies a [`Stimulus`] with the
//! source rule of [`crate::stimulus`] and prints the ports every cycle ([`crate::trace`]).

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Stimulus;
use crate::tools::{find, run};
use crate::trace::{Trace, parse};

const HARNESS: &str = r#"// Verilator harness: drives the core from a stimulus file, prints ports per cycle.
#include "VTOP.h"
#include "verilated.h"
#include <cstdint>
#include <chrono>
#include <cstdio>
#include <vector>

int main(int argc, char** argv) {
    if (argc != 3) { fprintf(stderr, "usage: %s STIMULUS TRACE\n", argv[0]); return 2; }
    FILE* in = fopen(argv[1], "r");
    FILE* out = fopen(argv[2], "w");
    if (!in || !out) { perror("open"); return 2; }
    unsigned long n = 0, cycles = 0; unsigned bits = 0;
    if (fscanf(in, "%lu %lu %u", &n, &cycles, &bits) != 3) return 2;
    std::vector<uint64_t> codes(n);
    for (unsigned long i = 0; i < n; i++) if (fscanf(in, "%lx", &codes[i]) != 1) return 2;
    std::vector<char> flags(cycles * 3);
    for (unsigned long c = 0; c < cycles; c++) {
        char line[8];
        if (fscanf(in, "%7s", line) != 1) return 2;
        for (int k = 0; k < 3; k++) flags[c * 3 + k] = line[k] == '1';
    }
    VerilatedContext ctx;
    VTOP top{&ctx};
    top.clk = 0;
    top.eval();
    unsigned long next = 0;
    bool holding = false;
    std::vector<uint64_t> record(cycles);
    auto start = std::chrono::steady_clock::now();
    for (unsigned long c = 0; c < cycles; c++) {
        bool gap = flags[c * 3], stall = flags[c * 3 + 1], rst = flags[c * 3 + 2];
        bool valid = false;
        uint64_t data = 0;
        if (rst) holding = false;
        else if (holding || (!gap && next < n)) { holding = true; valid = true; data = codes[next]; }
        top.rst = rst;
        top.s_axis_tvalid = valid;
        top.s_axis_tdata = data;
        top.m_axis_tready = !stall;
        top.eval();
        bool ready = top.s_axis_tready;
        record[c] = (uint64_t)top.m_axis_tdata << 2 | (uint64_t)top.m_axis_tvalid << 1 | (ready ? 1 : 0);
        if (holding && ready) { next++; holding = false; }
        top.clk = 1;
        top.eval();
        top.clk = 0;
        top.eval();
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    fprintf(stderr, "verilator: %lu cycles in %.6f s\n", cycles, seconds);
    for (unsigned long c = 0; c < cycles; c++)
        fprintf(out, "%d %d %lx\n", (int)(record[c] & 1), (int)(record[c] >> 1 & 1), (unsigned long)(record[c] >> 2));
    fclose(out);
    return 0;
}
"#;

/// A Verilator build of one core. Registers start at zero (`--x-initial 0`), as in the cycle
/// simulator, so traces compare bit for bit even where data is not valid.
pub struct Model {
    binary: PathBuf,
    dir: PathBuf,
    input_bits: u32,
}

impl Model {
    /// Builds (or reuses, when `dir` holds a build of the same Verilog) the simulator of module
    /// `top` in `verilog`, in `dir`.
    pub fn build(verilog: &str, top: &str, input_bits: u32, dir: &Path) -> Result<Model, String> {
        find("verilator")?;
        let mut h = DefaultHasher::new();
        (verilog, top, HARNESS).hash(&mut h);
        let dir = dir.join(format!("{top}-{:016x}", h.finish()));
        let binary = dir.join("obj").join("harness");
        if !binary.is_file() {
            std::fs::create_dir_all(&dir)
                .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
            let v = dir.join(format!("{top}.v"));
            let cpp = dir.join("harness.cpp");
            std::fs::write(&v, verilog).map_err(|e| e.to_string())?;
            std::fs::write(&cpp, HARNESS.replace("VTOP", &format!("V{top}")))
                .map_err(|e| e.to_string())?;
            run(Command::new("verilator")
                .args([
                    "--cc",
                    "--exe",
                    "--build",
                    "-O3",
                    "-j",
                    "2",
                    "--x-assign",
                    "fast",
                    "--x-initial",
                    "fast",
                ])
                .args(["-CFLAGS", "-O2", "--top-module", top, "-Mdir"])
                .arg(dir.join("obj"))
                .args(["-o", "harness"])
                .arg(&cpp)
                .arg(&v))?;
        }
        Ok(Model {
            binary,
            dir,
            input_bits,
        })
    }

    /// Runs a stimulus; returns the per-cycle trace.
    pub fn run(&self, stimulus: &Stimulus, tag: &str) -> Result<Trace, String> {
        self.run_timed(stimulus, tag).map(|(trace, _)| trace)
    }

    /// Runs a stimulus; returns the trace and the seconds the harness spent in its simulation
    /// loop (driving inputs, evaluating, recording outputs; file I/O excluded).
    pub fn run_timed(&self, stimulus: &Stimulus, tag: &str) -> Result<(Trace, f64), String> {
        let stim = self.dir.join(format!("{tag}.stim"));
        let out = self.dir.join(format!("{tag}.trace"));
        std::fs::write(&stim, stimulus.to_text(self.input_bits)).map_err(|e| e.to_string())?;
        let result = run(Command::new(&self.binary).arg(&stim).arg(&out))?;
        let text = std::fs::read_to_string(&out).map_err(|e| e.to_string())?;
        let _ = std::fs::remove_file(&stim);
        let _ = std::fs::remove_file(&out);
        let stderr = String::from_utf8_lossy(&result.stderr);
        let seconds = stderr
            .lines()
            .find_map(|l| {
                l.strip_prefix("verilator: ")?
                    .split(" in ")
                    .nth(1)?
                    .strip_suffix(" s")?
                    .parse()
                    .ok()
            })
            .ok_or_else(|| format!("no timing line from the harness: {stderr}"))?;
        Ok((parse(&text)?, seconds))
    }
}
