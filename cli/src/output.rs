//! Writing to stdout without panicking when the reader goes away (`isrlu eval --all | head`).

use std::io::{self, BufWriter, Write};

use crate::CliError;

/// Runs `body` with a buffered stdout; a closed pipe ends the output quietly.
pub fn with_stdout(body: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> Result<(), CliError> {
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    match body(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::new(format!("cannot write to stdout: {e}"))),
    }
}
