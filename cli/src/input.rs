//! Reading PINs and passphrases: from the terminal without echo, or from standard input one
//! per line.

use haven_core::Pin;
use std::io::{BufRead, IsTerminal};
use zeroize::Zeroizing;

/// Reads one secret line. `prompt` is shown only on a terminal.
pub fn read_secret(
    prompt: &str,
    what: &'static str,
) -> Result<Zeroizing<String>, haven_core::Error> {
    let mut line = if std::io::stdin().is_terminal() {
        Zeroizing::new(
            rpassword::prompt_password(prompt).map_err(|_| haven_core::Error::Io {
                op: what,
                kind: std::io::ErrorKind::Other,
            })?,
        )
    } else {
        let mut line = Zeroizing::new(String::new());
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| haven_core::Error::Io {
                op: what,
                kind: e.kind(),
            })?;
        line
    };
    let len = line.trim_end_matches(['\r', '\n']).len();
    line.truncate(len);
    Ok(line)
}

/// Reads one PIN. `prompt` is shown only on a terminal.
pub fn read_pin(prompt: &str, field: &'static str) -> Result<Pin, haven_core::Error> {
    let line = read_secret(prompt, "read a PIN")?;
    Pin::new(line.as_str().to_owned(), field)
}
