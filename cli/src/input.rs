//! Reading PINs: from the terminal without echo, or from standard input one per line.

use haven_core::Pin;
use std::io::{BufRead, IsTerminal};
use zeroize::Zeroizing;

/// Reads one PIN. `prompt` is shown only on a terminal.
pub fn read_pin(prompt: &str, field: &'static str) -> Result<Pin, haven_core::Error> {
    let line = if std::io::stdin().is_terminal() {
        Zeroizing::new(
            rpassword::prompt_password(prompt).map_err(|_| haven_core::Error::Io {
                op: "read a PIN from the terminal",
                kind: std::io::ErrorKind::Other,
            })?,
        )
    } else {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| haven_core::Error::Io {
                op: "read a PIN from standard input",
                kind: e.kind(),
            })?;
        line
    };
    Pin::new(line.trim_end_matches(['\r', '\n']).to_string(), field)
}
