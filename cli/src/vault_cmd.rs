//! `haven vault …`: scripting commands on a data directory.

use crate::exit;
use crate::input::read_pin;
use clap::{Subcommand, ValueEnum};
use haven_core::{
    DuressBehaviour, DuressOptions, Error, InsecureSoftwareProtector, Locale, SetupOptions,
    UnlockOutcome, Vault, VaultState,
};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

#[derive(Subcommand)]
pub enum Action {
    /// Create a vault. Reads the PIN (and the duress PIN with --duress) from the terminal or stdin.
    Init {
        /// Display language: kk, ru or en.
        #[arg(long, default_value = "en")]
        locale: String,
        /// Also read a duress PIN.
        #[arg(long, value_enum)]
        duress: Option<Duress>,
        /// With --duress: silently destroy the real vault's key when the duress PIN is used.
        #[arg(long)]
        shred_real: bool,
        /// Opt-in: wipe everything after this many wrong PINs in a row.
        #[arg(long)]
        wipe_after: Option<u32>,
    },
    /// Check a PIN (read from the terminal or stdin): exit 0 if it opens the vault.
    Unlock,
    /// Print the vault's state.
    Status,
    /// Destroy the vault and its protector key.
    Wipe {
        /// Required: confirms that everything is to be destroyed.
        #[arg(long)]
        yes: bool,
    },
}

/// What the duress PIN does.
#[derive(Clone, Copy, ValueEnum)]
pub enum Duress {
    /// Open the decoy vault.
    Decoy,
    /// Behave like a wrong PIN.
    NothingHere,
}

pub fn run(data_dir: &Path, protector_key: Option<PathBuf>, action: Action) -> ExitCode {
    match execute(data_dir, protector_key, action) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("haven: {e}");
            ExitCode::from(exit_code_for(&e))
        }
    }
}

fn exit_code_for(e: &Error) -> u8 {
    match e {
        Error::InvalidInput { .. } => exit::BAD_INPUT,
        Error::NotSetUp => exit::NOT_SET_UP,
        Error::Throttled { .. } => exit::THROTTLED,
        _ => exit::FAILURE,
    }
}

fn default_key_path(data_dir: &Path) -> PathBuf {
    let mut name = data_dir.file_name().unwrap_or_default().to_os_string();
    name.push(".devkey");
    data_dir.with_file_name(name)
}

fn execute(
    data_dir: &Path,
    protector_key: Option<PathBuf>,
    action: Action,
) -> Result<ExitCode, Error> {
    let key_path = protector_key.unwrap_or_else(|| default_key_path(data_dir));
    let vault = Vault::new(data_dir, Arc::new(InsecureSoftwareProtector::new(key_path)))?;
    match action {
        Action::Init {
            locale,
            duress,
            shred_real,
            wipe_after,
        } => {
            let locale: Locale = locale.parse()?;
            let pin = read_pin("PIN: ", "pin")?;
            let duress = match duress {
                None => None,
                Some(kind) => Some(DuressOptions {
                    pin: read_pin("Duress PIN: ", "duress_pin")?,
                    behaviour: match kind {
                        Duress::Decoy => DuressBehaviour::OpenDecoy,
                        Duress::NothingHere => DuressBehaviour::NothingHere,
                    },
                    shred_real,
                }),
            };
            vault.setup(SetupOptions {
                pin,
                duress,
                locale,
                wipe_after_failures: wipe_after,
            })?;
            vault.lock();
            println!("vault created");
            Ok(ExitCode::SUCCESS)
        }
        Action::Unlock => {
            let pin = read_pin("PIN: ", "pin")?;
            match vault.unlock(&pin)? {
                UnlockOutcome::Opened(_) => {
                    vault.lock();
                    println!("opened");
                    Ok(ExitCode::SUCCESS)
                }
                UnlockOutcome::NotOpened => {
                    println!("not opened");
                    Ok(ExitCode::from(exit::NOT_OPENED))
                }
                UnlockOutcome::Throttled { until } => {
                    println!("throttled until {}", until.to_rfc3339());
                    Ok(ExitCode::from(exit::THROTTLED))
                }
            }
        }
        Action::Status => {
            let state = vault.state()?;
            match state {
                VaultState::NotSetUp => println!("not set up"),
                VaultState::Locked | VaultState::Unlocked => println!("locked"),
                VaultState::LockedOut { until } => {
                    println!("locked out until {}", until.to_rfc3339())
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Action::Wipe { yes } => {
            if !yes {
                return Err(Error::invalid("--yes", "is required to wipe"));
            }
            vault.wipe()?;
            println!("wiped");
            Ok(ExitCode::SUCCESS)
        }
    }
}
