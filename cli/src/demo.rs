//! `haven demo`: the vault end to end on a temporary directory, each step timed.
//!
//! It uses production Argon2id parameters, so the times are real for this machine. The clock
//! is a manual one, so throttling can be shown without waiting for it.

use haven_core::{
    DuressBehaviour, DuressOptions, InsecureSoftwareProtector, Locale, ManualClock, Pin,
    SetupOptions, UnlockOutcome, Vault, VaultOptions, VaultState,
};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

const PIN: &str = "482916";
const DURESS_PIN: &str = "731208";
const WRONG_PIN: &str = "000000";

pub fn run() -> ExitCode {
    match demo() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("haven demo: {e}");
            ExitCode::FAILURE
        }
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    println!("  {label:<58} {}", show(start.elapsed()));
    out
}

fn show(d: Duration) -> String {
    if d < Duration::from_millis(1) {
        format!("{:>8.1} µs", d.as_secs_f64() * 1e6)
    } else {
        format!("{:>8.1} ms", d.as_secs_f64() * 1e3)
    }
}

fn pin(digits: &str) -> Result<Pin, haven_core::Error> {
    Pin::new(digits.to_string(), "pin")
}

fn demo() -> Result<(), haven_core::Error> {
    let tmp = tempfile::tempdir().map_err(|e| haven_core::Error::Io {
        op: "create a temporary directory",
        kind: e.kind(),
    })?;
    let data_dir = tmp.path().join("data");
    let clock = Arc::new(ManualClock::new(chrono::Utc::now()));
    let protector = Arc::new(InsecureSoftwareProtector::new(tmp.path().join("devkey")));
    let vault = Vault::with_options(
        &data_dir,
        protector,
        VaultOptions::with_clock(clock.clone()),
    )?;

    println!("Haven demo on a temporary data directory (deleted at the end).");
    println!(
        "Argon2id: 64 MiB, 3 passes, 1 lane (production). Software protector (development only).\n"
    );

    println!("1. Setup: real PIN {PIN}, duress PIN {DURESS_PIN} opening the decoy");
    let session = timed("setup: keys file, both databases, seeding", || {
        vault.setup(SetupOptions {
            pin: pin(PIN)?,
            duress: Some(DuressOptions {
                pin: pin(DURESS_PIN)?,
                behaviour: DuressBehaviour::OpenDecoy,
                shred_real: false,
            }),
            locale: Locale::En,
            wipe_after_failures: None,
        })
    })?;
    let files: Vec<String> = std::fs::read_dir(&data_dir)
        .map_err(|e| haven_core::Error::Io {
            op: "list the data directory",
            kind: e.kind(),
        })?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    println!("  files in the data directory: {}", files.join(", "));

    println!("\n2. Write, quick exit, unlock");
    timed("write: set the display language to Kazakh", || {
        session.set_locale(Locale::Kk)
    })?;
    timed("quick exit (close the database, forget the keys)", || {
        vault.lock()
    });
    println!(
        "  session still usable after quick exit? {}",
        session.is_open()
    );
    let session = match timed("unlock with the real PIN", || vault.unlock(&pin(PIN)?))? {
        UnlockOutcome::Opened(s) => s,
        other => return Err(unexpected(&other)),
    };
    println!("  language read back: {}", session.locale()?);
    vault.lock();

    println!("\n3. Duress PIN");
    let decoy = match timed("unlock with the duress PIN", || {
        vault.unlock(&pin(DURESS_PIN)?)
    })? {
        UnlockOutcome::Opened(s) => s,
        other => return Err(unexpected(&other)),
    };
    println!(
        "  a vault opened; its language: {} (the decoy holds none of the real data)",
        decoy.locale()?
    );
    vault.lock();

    println!("\n4. Wrong PINs and throttling");
    for attempt in 1..=5 {
        let outcome = timed(&format!("wrong PIN, attempt {attempt}"), || {
            vault.unlock(&pin(WRONG_PIN)?)
        })?;
        println!("    -> {}", describe(&outcome));
    }
    if let VaultState::LockedOut { until } = vault.state()? {
        let wait = until - haven_core::Clock::now(clock.as_ref());
        println!("  state: locked out for about {} s", wait.num_seconds());
    }
    let outcome = timed(
        "the real PIN during the lockout (not tried, not counted)",
        || vault.unlock(&pin(PIN)?),
    )?;
    println!("    -> {}", describe(&outcome));
    clock.advance(chrono::Duration::minutes(1));
    println!("  (clock moved forward one minute)");
    let outcome = timed("the real PIN after the delay", || vault.unlock(&pin(PIN)?))?;
    println!("    -> {}", describe(&outcome));
    vault.lock();

    println!("\n5. Wipe");
    timed(
        "wipe: shred the keys file, destroy the protector key, delete",
        || vault.wipe(),
    )?;
    let left = std::fs::read_dir(&data_dir).map(|d| d.count()).unwrap_or(0);
    println!(
        "  files left in the data directory: {left}; state: {:?}",
        vault.state()?
    );
    Ok(())
}

fn describe(outcome: &UnlockOutcome) -> &'static str {
    match outcome {
        UnlockOutcome::Opened(_) => "opened",
        UnlockOutcome::NotOpened => "not opened (the calculator just shows the number)",
        UnlockOutcome::Throttled { .. } => "throttled",
    }
}

fn unexpected(outcome: &UnlockOutcome) -> haven_core::Error {
    haven_core::Error::invalid("demo", format!("unexpected outcome: {}", describe(outcome)))
}
