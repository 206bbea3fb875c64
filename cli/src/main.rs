//! `haven`: the developer and NGO tool.
//!
//! `haven demo` shows the vault working end to end on a temporary directory. The scripting
//! commands work on a data directory given with `--data-dir`. PINs are read from the terminal
//! (without echo) or from standard input, one per line — never from arguments or the
//! environment, where other users and shell history could see them.
//!
//! This tool uses the *software* protector: its key is a plain file beside the data directory.
//! It is for development and demonstration, not for keeping a survivor's data.
//!
//! `haven content` writes the native-speaker review sheet of all text and applies it back.

mod bundle_cmd;
mod demo;
mod input;
mod pack;
mod review;
mod vault_cmd;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit codes, so scripts can tell outcomes apart.
pub mod exit {
    /// A PIN did not open the vault.
    pub const NOT_OPENED: u8 = 3;
    /// Attempts are throttled after too many wrong PINs.
    pub const THROTTLED: u8 = 4;
    /// There is no vault in the data directory.
    pub const NOT_SET_UP: u8 = 5;
    /// Bad input (a PIN that breaks the rules, a bad option value).
    pub const BAD_INPUT: u8 = 2;
    /// Anything else (damaged files, lost protector key, I/O).
    pub const FAILURE: u8 = 1;
    // `haven bundle`: 6 altered (chain or attachment), 7 unreadable (see `bundle_cmd`).
}

#[derive(Parser)]
#[command(name = "haven", version, about = "Haven developer and NGO tool")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the vault end to end on a temporary directory, narrating each step with its time.
    Demo,
    /// Work with a vault in a data directory (PINs are read from the terminal or stdin).
    Vault {
        /// The data directory.
        #[arg(long)]
        data_dir: PathBuf,
        /// The software protector's key directory (default: `<data-dir>.devkey/` beside it;
        /// owner-only, like the data directory).
        #[arg(long)]
        protector_key: Option<PathBuf>,
        #[command(subcommand)]
        action: vault_cmd::Action,
    },
    /// Verify or open an encrypted journal bundle, offline (`haven bundle --help`).
    Bundle {
        #[command(subcommand)]
        action: bundle_cmd::Action,
    },
    /// Build, sign, verify and inspect directory packs (`haven pack --help`; docs/pack-format.md).
    #[command(disable_help_flag = true)]
    Pack {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// The native-speaker review sheet of every kk/ru/en string, and applying it
    /// (`haven content review-sheet --out FILE.csv`, `haven content apply-review FILE.csv`).
    #[command(disable_help_flag = true)]
    Content {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Demo => demo::run(),
        Command::Vault {
            data_dir,
            protector_key,
            action,
        } => vault_cmd::run(&data_dir, protector_key, action),
        Command::Pack { args } => pack::run(args),
        Command::Content { args } => review::run(args),
        Command::Bundle { action } => bundle_cmd::run(action),
    }
}
