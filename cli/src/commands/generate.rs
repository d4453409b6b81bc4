//! `isrlu gen`: the Verilog core and its manifest, written atomically.

use std::fs;
use std::path::{Path, PathBuf};

use crate::CliError;
use crate::output::with_stdout;
use crate::source::ConfigSource;

/// Generate the core as one Verilog file (NAME.v), a JSON manifest (NAME.json), clock
/// constraints (NAME.xdc, NAME.sdc) and an iCE40 board wrapper (NAME_board.v)
#[derive(clap::Args, Debug)]
#[command(
    after_help = "The module's ports: clk, rst (synchronous, active high), s_axis_tvalid/tready/tdata (input\n\
code), m_axis_tvalid/tready/tdata (output code); one sample per clock, AXI-Stream handshakes.\n\n\
Examples:\n  isrlu gen -o out                        # isrlu16 -> out/isrlu16.v, out/isrlu16.json\n  \
isrlu gen --preset isru16 --top act -o rtl\n  isrlu gen --config my.toml -o rtl"
)]
pub struct Args {
    #[command(flatten)]
    source: ConfigSource,
    /// Top module name [default: the preset's name, or `isrlu_core` with --config]
    #[arg(long, value_name = "NAME")]
    top: Option<String>,
    /// Output directory (created if missing)
    #[arg(short, long, value_name = "DIR")]
    out: PathBuf,
}

pub fn run(args: Args) -> Result<(), CliError> {
    let config = args.source.load()?;
    let name = args.source.module_name(args.top.as_deref());
    let files = write_core(&config, &name, &args.out)?;
    with_stdout(|out| {
        for (path, text) in &files {
            writeln!(
                out,
                "wrote {} ({} lines)",
                path.display(),
                text.lines().count()
            )?;
        }
        Ok(())
    })
}

/// Generates the core and writes its five files into `dir`, all or nothing; prints the
/// summary line first.
pub fn write_core(
    config: &isrlu_sw::Config,
    name: &str,
    dir: &Path,
) -> Result<Vec<(PathBuf, String)>, CliError> {
    use isrlu_hw::constraints;
    let generated = isrlu_hw::generate(config, name).map_err(|e| CliError::new(e.to_string()))?;
    let manifest =
        serde_json::to_string_pretty(&generated.manifest).expect("manifest serialises") + "\n";
    let files: Vec<(PathBuf, String)> = vec![
        (dir.join(format!("{name}.v")), generated.verilog),
        (dir.join(format!("{name}.json")), manifest),
        (
            dir.join(format!("{name}.xdc")),
            constraints::xdc(config, name),
        ),
        (
            dir.join(format!("{name}.sdc")),
            constraints::sdc(config, name),
        ),
        (
            dir.join(format!("{name}_board.v")),
            constraints::board_top(config, name),
        ),
    ];
    let refs: Vec<(&PathBuf, &String)> = files.iter().map(|(p, t)| (p, t)).collect();
    write_all_or_nothing(dir, &refs)?;
    with_stdout(|out| writeln!(out, "{name}: {}", generated.manifest.summary))?;
    Ok(files)
}

/// Writes every file through a temporary name, then renames them all; on any error the
/// temporaries are removed and no file is left half-written.
fn write_all_or_nothing(dir: &Path, files: &[(&PathBuf, &String)]) -> Result<(), CliError> {
    let fail = |what: &str, path: &Path, e: std::io::Error| {
        CliError::new(format!("cannot {what} '{}': {e}", path.display()))
    };
    let created_dir = !dir.exists();
    fs::create_dir_all(dir).map_err(|e| fail("create directory", dir, e))?;
    let temps: Vec<PathBuf> = files
        .iter()
        .map(|(p, _)| {
            let mut name = p.file_name().unwrap_or_default().to_os_string();
            name.push(format!(".partial-{}", std::process::id()));
            p.with_file_name(name)
        })
        .collect();
    let cleanup = |temps: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
        if created_dir {
            let _ = fs::remove_dir(dir);
        }
    };
    for ((_, text), temp) in files.iter().zip(&temps) {
        if let Err(e) = fs::write(temp, text) {
            cleanup(&temps);
            return Err(fail("write", temp, e));
        }
    }
    for (i, ((path, _), temp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = fs::rename(temp, path) {
            // The files of this run already in place go too: none is left without its partner.
            for (done, _) in &files[..i] {
                let _ = fs::remove_file(done);
            }
            cleanup(&temps);
            return Err(fail("write", path, e));
        }
    }
    Ok(())
}
