//! `haven`: the developer and NGO tool. This branch wires only `haven pack` (directory packs);
//! the lead merges the other subcommands.

mod pack;

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    match args.next().as_deref() {
        Some("pack") => pack::run(args.collect()),
        _ => {
            eprintln!("usage: haven pack <keygen|build|sign|verify|inspect> [options]");
            ExitCode::from(2)
        }
    }
}
