//! End-to-end tests of the `isrlu` binary: outputs, exit codes and error messages.

use std::process::{Command, Output};

fn isrlu(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_isrlu"))
        .args(args)
        .output()
        .expect("isrlu runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Fails with exit code 2, one error line, nothing on stdout.
fn refused(args: &[&str], message: &str) {
    let o = isrlu(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stderr(&o));
    assert_eq!(stdout(&o), "", "{args:?}");
    assert_eq!(stderr(&o), format!("error: {message}\n"), "{args:?}");
}

#[test]
fn presets_lists_every_preset_with_its_parameters() {
    let o = isrlu(&["presets"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let row = |name: &str| {
        text.lines()
            .find(|l| l.starts_with(&format!("{name} ")))
            .unwrap()
            .to_string()
    };
    let isru16: Vec<_> = row("isru16")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(
        &isru16[..6],
        ["isru16", "isru", "1", "16.12", "16.15", "512x10"]
    );
    for name in ["isrlu16", "isrlu8", "isru24"] {
        assert!(row(name).contains("nearest"));
    }
}

#[test]
fn eval_prints_csv_with_published_values() {
    // ISRLU(-0.5) = -0.4472136 -> -1832 / 4096; the identity for x >= 0.
    let o = isrlu(&["eval", "--preset", "isrlu16", "--", "-2048", "0", "100"]);
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "input_code,output_code,exact_code\n-2048,-1832,-1832\n0,0,0\n100,100,100\n"
    );
}

#[test]
fn eval_all_covers_every_code() {
    let o = isrlu(&["eval", "--preset", "isrlu8", "--all"]);
    assert!(o.status.success());
    let text = stdout(&o);
    let rows: Vec<Vec<i64>> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 256);
    assert_eq!(rows[0][0], -128);
    assert_eq!(rows[255][0], 127);
    // -8 / sqrt(65) * 16 = -15.88 -> -16.
    assert_eq!(rows[0][2], -16);
    assert!(rows.iter().all(|r| r[1] == r[2]));
}

#[test]
fn accuracy_json_has_the_documented_fields() {
    let o = isrlu(&["accuracy", "--preset", "isru16", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for key in [
        "max_err_ulp",
        "mean_abs_err_ulp",
        "rms_err_ulp",
        "bias_ulp",
        "correctly_rounded_pct",
        "faithful_pct",
        "sqnr_db",
        "inputs",
        "histogram",
        "worst",
        "config",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["inputs"], 65536);
    assert_eq!(v["correctly_rounded_pct"], 100.0);
    assert!(v["max_err_ulp"].as_f64().unwrap() <= 0.5);
    // An ideal 16-bit quantiser of this signal gives about 98 dB; a correctly rounded one is there.
    assert!(v["sqnr_db"].as_f64().unwrap() > 95.0);
}

#[test]
fn config_prints_toml_that_loads_back() {
    let o = isrlu(&["config", "--preset", "isru16", "--set", "rounding=faithful"]);
    assert!(o.status.success());
    let dir = std::env::temp_dir().join(format!("isrlu-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("c.toml");
    std::fs::write(&path, o.stdout).unwrap();
    let o = isrlu(&["eval", "--config", path.to_str().unwrap(), "--", "-6144"]);
    // ISRU(-1.5) = -0.8320503 -> -27264.62 ulps: correctly rounded -27265; faithful either neighbour.
    let text = stdout(&o);
    let row: Vec<i64> = text
        .lines()
        .nth(1)
        .unwrap()
        .split(',')
        .map(|v| v.parse().unwrap())
        .collect();
    assert_eq!((row[0], row[2]), (-6144, -27265));
    assert!(row[1] == -27265 || row[1] == -27264);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn bad_input_is_refused_with_exit_code_2() {
    refused(
        &["eval", "--preset", "nope", "1"],
        "unknown preset 'nope' (known: isrlu16, isru16, isrlu8, isru24)",
    );
    refused(
        &["eval", "--preset", "isrlu16", "--", "1", "40000"],
        "input code 40000 is out of range for input format 16.12 (-32768..=32767)",
    );
    refused(
        &["accuracy", "--set", "output=17.20"],
        "invalid configuration: format 17.20: fraction bits (20) must not exceed total bits (17)",
    );
    refused(
        &["accuracy", "--set", "input=0.0"],
        "invalid configuration: format 0.0: total bits must be in 2..=32",
    );
    refused(
        &["accuracy", "--set", "alpha=nan"],
        "invalid configuration: alpha must be finite and > 0, got NaN",
    );
    refused(
        &["accuracy", "--set", "alpha=-1"],
        "invalid configuration: alpha must be finite and > 0, got -1",
    );
    refused(
        &["accuracy", "--config", "/nonexistent/c.toml"],
        "cannot read configuration '/nonexistent/c.toml': No such file or directory (os error 2)",
    );
    let dir = std::env::temp_dir().join(format!("isrlu-cli-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    std::fs::write(&path, "function = \"isru\"\nalpha = \n").unwrap();
    let o = isrlu(&["accuracy", "--config", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert!(
        stderr(&o).starts_with(&format!(
            "error: {}: invalid configuration: ",
            path.display()
        )),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_errors_exit_with_2() {
    let o = isrlu(&["eval", "--preset", "isrlu8"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    let o = isrlu(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
}

fn temp_dir(tag: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("isrlu-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

#[test]
fn gen_writes_verilog_and_manifest() {
    let dir = temp_dir("gen");
    let o = isrlu(&[
        "gen",
        "--preset",
        "isru16",
        "--top",
        "act",
        "-o",
        dir.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v = std::fs::read_to_string(dir.join("act.v")).unwrap();
    assert!(v.contains("module act("));
    for port in [
        "clk",
        "rst",
        "s_axis_tvalid",
        "s_axis_tready",
        "s_axis_tdata",
        "m_axis_tvalid",
        "m_axis_tready",
        "m_axis_tdata",
    ] {
        assert!(v.contains(&format!(" {port};")), "port {port}");
    }
    assert!(
        v.contains("input wire  [15:0] s_axis_tdata;")
            && v.contains("output reg  [15:0] m_axis_tdata;")
    );
    let m: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("act.json")).unwrap()).unwrap();
    assert_eq!(m["module"], "act");
    assert_eq!(m["latency_cycles"], 8);
    assert_eq!(m["seed_table_entries"], 512);
    assert_eq!(m["config"]["output"], "16.15");
    assert!(stdout(&o).contains("latency 8 cycles"));
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["act.json", "act.sdc", "act.v", "act.xdc", "act_board.v"]
    );
    // 100 MHz: a 10 ns period.
    let xdc = std::fs::read_to_string(dir.join("act.xdc")).unwrap();
    assert!(xdc.contains("create_clock -period 10.000 -name clk [get_ports clk]"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn gen_refuses_bad_requests_and_leaves_nothing_behind() {
    let dir = temp_dir("gen-bad");
    let d = dir.to_str().unwrap();
    refused(
        &["gen", "--top", "1bad", "-o", d],
        "invalid module name '1bad': use letters, digits and '_', starting with a letter or '_', not a Verilog keyword",
    );
    refused(
        &["gen", "--top", "module", "-o", d],
        "invalid module name 'module': use letters, digits and '_', starting with a letter or '_', not a Verilog keyword",
    );
    refused(
        &[
            "gen",
            "--set",
            "input=13.9",
            "--set",
            "output=13.9",
            "-o",
            d,
        ],
        "the hardware generator has no 13-bit input port (compiled-in widths: 8, 10, 12, 14, 16, 18, 20, 24)",
    );
    assert!(!dir.exists(), "a refused run created {d}");
    // An output path below a regular file cannot be created.
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("file");
    std::fs::write(&file, "x").unwrap();
    let below = file.join("out");
    let o = isrlu(&["gen", "-o", below.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!(
            "error: cannot create directory '{}'",
            below.display()
        )),
        "{}",
        stderr(&o)
    );
    // The manifest's name is taken by a directory: the run fails after writing the Verilog,
    // which is removed again.
    let taken = dir.join("taken");
    std::fs::create_dir_all(taken.join("isrlu16.json")).unwrap();
    let o = isrlu(&["gen", "-o", taken.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot write"),
        "{}",
        stderr(&o)
    );
    let left: Vec<_> = std::fs::read_dir(&taken)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left, vec![std::ffi::OsString::from("isrlu16.json")]);
    // A read-only directory: nothing half-written is left (root ignores permissions, so this
    // part only runs as an ordinary user).
    let ro = dir.join("ro");
    std::fs::create_dir(&ro).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    if std::fs::write(ro.join("probe"), "x").is_err() {
        let o = isrlu(&["gen", "-o", ro.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
    }
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sim_prints_outputs_and_summary() {
    let dir = temp_dir("sim");
    std::fs::create_dir_all(&dir).unwrap();
    let inputs = dir.join("codes.txt");
    // ISRLU(-0.5) -> -1832 (published value); identity for 100; most negative -> -4064.
    std::fs::write(&inputs, "# codes\n-2048\n\n100  # positive\n-32768\n").unwrap();
    let vcd = dir.join("w.vcd");
    let o = isrlu(&[
        "sim",
        "--inputs",
        inputs.to_str().unwrap(),
        "--stall-prob",
        "0.5",
        "--vcd",
        vcd.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = stdout(&o);
    let codes: Vec<i64> = text
        .lines()
        .skip(1)
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split(',').nth(1).unwrap().parse().unwrap())
        .collect();
    assert_eq!(codes, vec![-1832, 100, -4064]);
    assert!(text.contains("# outputs equal to the golden model: 3 of 3"));
    assert!(text.contains("samples in 3, out 3, latency "), "{text}");
    assert!(
        std::fs::read_to_string(&vcd)
            .unwrap()
            .contains("$var wire 16")
    );
    let o = isrlu(&[
        "sim",
        "--preset",
        "isrlu8",
        "--all",
        "--streams",
        "4",
        "--summary",
    ]);
    assert!(
        stdout(&o).contains("# outputs equal to the golden model: 256 of 256"),
        "{}",
        stdout(&o)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn sim_refuses_bad_stimulus_files_and_leaves_no_vcd() {
    let dir = temp_dir("sim-bad");
    std::fs::create_dir_all(&dir).unwrap();
    let inputs = dir.join("codes.txt");
    let vcd = dir.join("w.vcd");
    let (i, v) = (inputs.to_str().unwrap(), vcd.to_str().unwrap());
    std::fs::write(&inputs, "1\n2\nfive\n").unwrap();
    refused(
        &["sim", "--inputs", i, "--vcd", v],
        &format!("{i}:3: 'five' is not an input code (a signed decimal integer)"),
    );
    std::fs::write(&inputs, "1\n40000\n").unwrap();
    refused(
        &["sim", "--inputs", i, "--vcd", v],
        &format!("{i}:2: input code 40000 is out of range for input format 16.12 (-32768..=32767)"),
    );
    refused(
        &["sim", "--gap-prob", "1.5"],
        "--gap-prob must be in [0, 1), got 1.5",
    );
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "only the inputs file"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
