//! `haven demo`: the vault end to end on a temporary directory, each step timed.
//!
//! It uses production Argon2id parameters, so the times are real for this machine. The clock
//! is a manual one, so throttling can be shown without waiting for it.

use haven_core::{
    ContactDraft, DirectoryQuery, DuressBehaviour, DuressOptions, EntryDraft, IncidentKind,
    InsecureSoftwareProtector, Locale, ManualClock, Pin, SetupOptions, UnlockOutcome, Vault,
    VaultOptions, VaultState,
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
    let entry = timed(
        "write: a journal entry (revision hashed into the chain)",
        || {
            session.add_journal_entry(&EntryDraft {
                occurred_at: haven_core::Clock::now(clock.as_ref()) - chrono::Duration::hours(3),
                time_zone: "Asia/Almaty".into(),
                kinds: vec![IncidentKind::Threats],
                narrative: "Demo entry: threats by phone in the evening.".into(),
                injuries: None,
                witnesses: None,
                place: Some("home".into()),
                police_involved: false,
                police_reference: None,
                medical_involved: false,
                medical_reference: None,
            })
        },
    )?;
    timed("write: a trusted contact (phone normalized)", || {
        session.add_contact(&ContactDraft {
            name: "Demo friend".into(),
            phone: "8 701 000 00 00".into(),
            relation: "friend".into(),
            code_word: None,
            capabilities: vec!["call_police".into()],
            emergency: true,
        })
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
    let chain = timed("read back: verify the evidence chain", || {
        session.verify_chain()
    })?;
    println!(
        "  entry {} is there; contacts: {}; chain intact: {}",
        session.journal_entry(entry.id)?.id,
        session.contacts()?.len(),
        matches!(chain, haven_core::ChainStatus::Intact(_))
    );
    let hits = timed(
        "directory search \"полиц\" (bundled Kazakhstan pack)",
        || {
            session.search_directory(&DirectoryQuery {
                text: "полиц".into(),
                ..Default::default()
            })
        },
    )?;
    for hit in hits.iter().take(2) {
        let number = hit.phones.first().map_or("", |p| p.number.as_str());
        println!("    {} — {number}", hit.name);
    }
    vault.lock();

    println!("\n3. Duress PIN");
    let decoy = match timed("unlock with the duress PIN", || {
        vault.unlock(&pin(DURESS_PIN)?)
    })? {
        UnlockOutcome::Opened(s) => s,
        other => return Err(unexpected(&other)),
    };
    decoy.add_note("Buy bread, call the dentist")?;
    println!(
        "  a {:?} space opened: a plain notes app holding {} note(s), nothing of Haven",
        decoy.space(),
        decoy.list_notes()?.len()
    );
    let answer = timed("the real PIN, asked inside the decoy", || {
        Ok::<_, haven_core::Error>(decoy.verify_pin(&pin(PIN)?))
    })?;
    println!(
        "    -> {} (the same answer as a wrong PIN)",
        answer.err().map_or("accepted".into(), |e| e.to_string())
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
    clock.set_wall(haven_core::Clock::now(clock.as_ref()) + chrono::Duration::days(1));
    println!("  (the phone's clock set a day forward)");
    let outcome = timed("the real PIN after the clock change", || {
        vault.unlock(&pin(PIN)?)
    })?;
    println!(
        "    -> {} (delays count time since boot)",
        describe(&outcome)
    );
    clock.advance(chrono::Duration::minutes(1));
    println!("  (one minute really passes)");
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
