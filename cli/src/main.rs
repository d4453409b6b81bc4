//! `isrlu`: one command-line tool over the whole generator. Errors print one line on stderr and
//! exit with code 2.

mod commands;
mod output;
mod source;

use std::fmt;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "isrlu",
    version,
    about = "Fixed-point ISRU / ISRLU hardware generator: golden model, exact reference, accuracy",
    after_help = "Examples:\n  isrlu gen -o out\n  isrlu presets\n  isrlu accuracy --preset isru16\n  isrlu eval --preset isrlu8 -- -128 -1 0 5"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Presets(commands::presets::Args),
    Config(commands::config::Args),
    Eval(commands::eval::Args),
    Accuracy(commands::accuracy::Args),
    Bench(commands::bench::Args),
    #[command(name = "gen")]
    Gen(commands::generate::Args),
    Sim(commands::simulate::Args),
    Report(commands::report::Args),
    Explore(commands::explore::Args),
}

/// A failure reported to the user: the message is printed as `error: MESSAGE`.
#[derive(Debug)]
pub struct CliError {
    message: String,
    code: u8,
}

impl CliError {
    /// Bad input: exit code 2.
    pub fn new(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 2,
        }
    }

    pub fn with_code(code: u8, message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code,
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl From<isrlu_sw::ConfigError> for CliError {
    fn from(e: isrlu_sw::ConfigError) -> Self {
        CliError::new(e.to_string())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Presets(args) => commands::presets::run(args),
        Command::Config(args) => commands::config::run(args),
        Command::Eval(args) => commands::eval::run(args),
        Command::Accuracy(args) => commands::accuracy::run(args),
        Command::Bench(args) => commands::bench::run(args),
        Command::Gen(args) => commands::generate::run(args),
        Command::Sim(args) => commands::simulate::run(args),
        Command::Report(args) => commands::report::run(args),
        Command::Explore(args) => commands::explore::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(e.code)
        }
    }
}
