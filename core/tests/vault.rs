//! The vault's lock state machine through the public API, on real SQLCipher files.
#![allow(clippy::unwrap_used)]

mod common;

use common::*;
use haven_core::{
    DuressBehaviour, DuressOptions, Error, Locale, SetupOptions, UnlockOutcome, VaultState,
};

#[test]
fn setup_lock_unlock_round_trip_keeps_data() {
    let t = TestVault::new();
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    assert_eq!(t.vault.state().unwrap(), VaultState::Unlocked);
    session.set_locale(Locale::Kk).unwrap();

    t.vault.lock();
    assert_eq!(t.vault.state().unwrap(), VaultState::Locked);
    assert!(matches!(session.locale(), Err(Error::Locked)));
    t.vault.lock(); // idempotent

    let session = opened(t.vault.unlock(&pin(PIN)).unwrap());
    assert_eq!(session.locale().unwrap(), Locale::Kk);
}

#[test]
fn setup_twice_is_refused_and_changes_nothing() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    let before = listing(&t.data_dir());
    assert!(matches!(
        t.vault.setup(TestVault::setup_options()),
        Err(Error::AlreadySetUp)
    ));
    assert_eq!(listing(&t.data_dir()), before);
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn data_directory_holds_only_neutrally_named_files() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    let names: Vec<String> = listing(&t.data_dir()).into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["a.db", "b.db", "k"]);
}

#[test]
fn wrong_pins_are_throttled_with_growing_delays_that_survive_a_restart() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    for _ in 0..4 {
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
        assert_eq!(t.vault.state().unwrap(), VaultState::Locked);
    }
    let fifth_at = t.clock_now();
    not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    let first_until = match t.vault.state().unwrap() {
        VaultState::LockedOut { until } => until,
        other => panic!("expected LockedOut, got {other:?}"),
    };

    // A fresh process sees the same lockout, and even the real PIN is not tried during it.
    let restarted = t.reopen();
    assert_eq!(
        restarted.state().unwrap(),
        VaultState::LockedOut { until: first_until }
    );
    assert!(matches!(
        restarted.unlock(&pin(PIN)).unwrap(),
        UnlockOutcome::Throttled { until } if until == first_until
    ));

    // After the delay, one more wrong PIN brings a longer delay.
    t.clock.advance(first_until - t.clock_now());
    let sixth_at = t.clock_now();
    not_opened(restarted.unlock(&pin(WRONG_PIN)).unwrap());
    let VaultState::LockedOut {
        until: second_until,
    } = restarted.state().unwrap()
    else {
        panic!("expected LockedOut");
    };
    assert!(
        second_until - sixth_at > first_until - fifth_at,
        "delays grow"
    );

    // After it, the real PIN opens and resets the count.
    t.clock.advance(second_until - t.clock_now());
    opened(restarted.unlock(&pin(PIN)).unwrap());
    restarted.lock();
    not_opened(restarted.unlock(&pin(WRONG_PIN)).unwrap());
    assert_eq!(restarted.state().unwrap(), VaultState::Locked);
}

#[test]
fn wipe_after_failures_is_off_by_default() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    for _ in 0..12 {
        t.clock.advance(chrono::Duration::hours(2));
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    t.clock.advance(chrono::Duration::hours(2));
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn opt_in_wipe_after_failures_wipes_everything() {
    let t = TestVault::new();
    let options = SetupOptions {
        wipe_after_failures: Some(5),
        ..TestVault::setup_options()
    };
    t.vault.setup(options).unwrap();
    t.vault.lock();
    for _ in 0..5 {
        t.clock.advance(chrono::Duration::hours(2));
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
    assert!(listing(&t.data_dir()).is_empty());
    assert!(t.protector_keys().is_empty(), "{:?}", t.protector_keys());
}

#[test]
fn wipe_after_failures_can_be_set_later_and_is_range_checked() {
    let t = TestVault::new();
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    assert!(matches!(
        session.set_wipe_after_failures(&pin(PIN), Some(2)),
        Err(Error::InvalidInput {
            field: "wipe_after_failures",
            ..
        })
    ));
    assert!(matches!(
        session.set_wipe_after_failures(&pin(WRONG_PIN), Some(5)),
        Err(Error::InvalidInput {
            field: "current_pin",
            ..
        })
    ));
    session.set_wipe_after_failures(&pin(PIN), Some(5)).unwrap();
    t.vault.lock();
    for _ in 0..5 {
        t.clock.advance(chrono::Duration::hours(2));
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
}

#[test]
fn duress_pin_opens_the_decoy_which_holds_none_of_the_real_data() {
    let t = TestVault::new();
    let real = t
        .vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    real.set_locale(Locale::Ru).unwrap();
    t.vault.lock();

    let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    assert_eq!(
        decoy.locale().unwrap(),
        Locale::En,
        "the decoy is a separate vault"
    );
    t.vault.lock();
    let real = opened(t.vault.unlock(&pin(PIN)).unwrap());
    assert_eq!(real.locale().unwrap(), Locale::Ru);
}

#[test]
fn duress_pin_set_to_nothing_here_behaves_like_a_wrong_pin() {
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::NothingHere, false))
        .unwrap();
    t.vault.lock();
    let before = listing(&t.data_dir());
    not_opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    assert_eq!(listing(&t.data_dir()), before);
    // It counts as a failed attempt, exactly like a wrong PIN.
    for _ in 0..4 {
        not_opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    }
    assert!(matches!(
        t.vault.state().unwrap(),
        VaultState::LockedOut { .. }
    ));
}

#[test]
fn a_duress_pin_changes_neither_file_names_nor_sizes() {
    let plain = TestVault::new();
    plain.vault.setup(TestVault::setup_options()).unwrap();
    plain.vault.lock();
    let with = TestVault::new();
    with.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, true))
        .unwrap();
    with.vault.lock();
    assert_eq!(listing(&plain.data_dir()), listing(&with.data_dir()));

    // Nor does adding one later.
    let later = TestVault::new();
    let s = later.vault.setup(TestVault::setup_options()).unwrap();
    s.set_duress_pin(
        &pin(PIN),
        &DuressOptions {
            pin: pin(DURESS_PIN),
            behaviour: DuressBehaviour::NothingHere,
            shred_real: false,
        },
    )
    .unwrap();
    later.vault.lock();
    assert_eq!(listing(&plain.data_dir()), listing(&later.data_dir()));
}

#[test]
fn silent_shred_destroys_the_real_key_and_keeps_the_decoy() {
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, true))
        .unwrap();
    t.vault.lock();
    let before = listing(&t.data_dir());
    let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    assert!(decoy.is_open());
    t.vault.lock();
    assert_eq!(listing(&t.data_dir()), before, "nothing visible changed");

    not_opened(t.vault.unlock(&pin(PIN)).unwrap());
    opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
}

#[test]
fn silent_shred_with_nothing_here_leaves_no_way_in() {
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::NothingHere, true))
        .unwrap();
    t.vault.lock();
    not_opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    not_opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn duress_pin_can_be_set_replaced_and_cleared() {
    let t = TestVault::new();
    let s = t.vault.setup(TestVault::setup_options()).unwrap();
    let duress = |digits: &str| DuressOptions {
        pin: pin(digits),
        behaviour: DuressBehaviour::OpenDecoy,
        shred_real: false,
    };
    assert!(matches!(
        s.set_duress_pin(&pin(PIN), &duress(PIN)),
        Err(Error::InvalidInput {
            field: "duress_pin",
            ..
        })
    ));
    assert!(matches!(
        s.set_duress_pin(&pin(WRONG_PIN), &duress(DURESS_PIN)),
        Err(Error::InvalidInput {
            field: "current_pin",
            ..
        })
    ));
    s.set_duress_pin(&pin(PIN), &duress(DURESS_PIN)).unwrap();
    s.set_duress_pin(&pin(PIN), &duress("999888")).unwrap();
    t.vault.lock();
    not_opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    opened(t.vault.unlock(&pin("999888")).unwrap());
    let s = opened(t.vault.unlock(&pin(PIN)).unwrap());
    s.clear_duress_pin(&pin(PIN)).unwrap();
    t.vault.lock();
    not_opened(t.vault.unlock(&pin("999888")).unwrap());
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn change_pin_rewraps_keys_and_keeps_data_and_duress() {
    let t = TestVault::new();
    let s = t
        .vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    s.set_locale(Locale::Kk).unwrap();
    assert!(matches!(
        s.change_pin(&pin(WRONG_PIN), &pin("555666")),
        Err(Error::InvalidInput {
            field: "current_pin",
            ..
        })
    ));
    assert!(matches!(
        s.change_pin(&pin(PIN), &pin(DURESS_PIN)),
        Err(Error::InvalidInput {
            field: "new_pin",
            ..
        })
    ));
    s.change_pin(&pin(PIN), &pin("555666")).unwrap();
    t.vault.lock();
    not_opened(t.vault.unlock(&pin(PIN)).unwrap());
    let s = opened(t.vault.unlock(&pin("555666")).unwrap());
    assert_eq!(s.locale().unwrap(), Locale::Kk);
    t.vault.lock();
    let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    assert_eq!(decoy.locale().unwrap(), Locale::En);
}

#[test]
fn pin_is_asked_again_for_sensitive_actions() {
    let t = TestVault::new();
    let s = t.vault.setup(TestVault::setup_options()).unwrap();
    s.verify_pin(&pin(PIN)).unwrap();
    assert!(matches!(
        s.verify_pin(&pin(WRONG_PIN)),
        Err(Error::InvalidInput { field: "pin", .. })
    ));
    t.vault.lock();
    assert!(matches!(s.verify_pin(&pin(PIN)), Err(Error::Locked)));
}

#[test]
fn bad_pins_at_setup_get_typed_errors_and_create_nothing() {
    for bad in ["12345", "1234567890123", "12a456", ""] {
        let err = haven_core::Pin::new(bad.to_string(), "pin").unwrap_err();
        assert!(matches!(err, Error::InvalidInput { field: "pin", .. }));
    }
    let t = TestVault::new();
    let same = SetupOptions {
        duress: Some(DuressOptions {
            pin: pin(PIN),
            behaviour: DuressBehaviour::OpenDecoy,
            shred_real: false,
        }),
        ..TestVault::setup_options()
    };
    assert!(matches!(
        t.vault.setup(same),
        Err(Error::InvalidInput {
            field: "duress_pin",
            ..
        })
    ));
    assert!(listing(&t.data_dir()).is_empty());
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
}

#[test]
fn damaged_keys_file_is_reported_and_left_untouched() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    let keys = t.data_dir().join("k");
    let original = std::fs::read(&keys).unwrap();

    for damaged in [
        original[..original.len() / 2].to_vec(),
        {
            let mut v = original.clone();
            v[40] ^= 0x01;
            v
        },
        vec![0x42; original.len()],
    ] {
        std::fs::write(&keys, &damaged).unwrap();
        let before = listing(&t.data_dir());
        assert!(matches!(
            t.vault.unlock(&pin(PIN)),
            Err(Error::Corrupt { what: "keys file" })
        ));
        assert!(matches!(t.vault.state(), Err(Error::Corrupt { .. })));
        assert_eq!(
            std::fs::read(&keys).unwrap(),
            damaged,
            "nothing overwritten"
        );
        assert_eq!(listing(&t.data_dir()), before, "nothing deleted");
    }
    std::fs::write(&keys, &original).unwrap();
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn missing_database_is_reported_and_not_recreated() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    std::fs::remove_file(t.data_dir().join("a.db")).unwrap();
    assert!(matches!(
        t.vault.unlock(&pin(PIN)),
        Err(Error::MissingFile { what: "database" })
    ));
    assert!(!t.data_dir().join("a.db").exists());
    assert!(t.data_dir().join("b.db").exists());
}

#[test]
fn a_lost_platform_key_is_told_apart_from_a_wrong_pin() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    std::fs::remove_dir_all(t.protector_dir()).unwrap();
    assert!(matches!(
        t.vault.unlock(&pin(PIN)),
        Err(Error::ProtectorUnavailable)
    ));
    assert!(matches!(t.vault.state(), Err(Error::ProtectorUnavailable)));
    assert_eq!(listing(&t.data_dir()).len(), 3, "nothing deleted");
}

#[test]
fn wipe_removes_every_file_and_the_platform_key() {
    let t = TestVault::new();
    let s = t
        .vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    t.vault.wipe().unwrap();
    assert!(!s.is_open());
    assert!(listing(&t.data_dir()).is_empty());
    assert!(t.protector_keys().is_empty(), "{:?}", t.protector_keys());
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
    // A new vault can be set up afterwards.
    t.vault.setup(TestVault::setup_options()).unwrap();
}

#[test]
fn a_wipe_interrupted_after_the_shred_completes_at_the_next_start() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    // The state a crash leaves right after step 1 of a wipe: the keys file replaced by the
    // empty mark, the protector key and the databases still present.
    std::fs::write(t.data_dir().join("k"), b"").unwrap();
    assert!(!t.protector_keys().is_empty());

    let restarted = t.reopen();
    assert!(listing(&t.data_dir()).is_empty());
    assert!(t.protector_keys().is_empty(), "{:?}", t.protector_keys());
    assert_eq!(restarted.state().unwrap(), VaultState::NotSetUp);
}

#[test]
fn lock_interrupts_and_wins_over_a_session_in_use_from_another_thread() {
    let t = TestVault::new();
    let s = t.vault.setup(TestVault::setup_options()).unwrap();
    let worker = {
        let s = s.clone();
        std::thread::spawn(move || {
            let mut n = 0u32;
            while s
                .set_locale(if n.is_multiple_of(2) {
                    Locale::Kk
                } else {
                    Locale::Ru
                })
                .is_ok()
            {
                n += 1;
            }
            n
        })
    };
    std::thread::sleep(std::time::Duration::from_millis(50));
    t.vault.lock();
    worker.join().unwrap();
    assert!(!s.is_open());
    assert!(matches!(s.locale(), Err(Error::Locked)));
}

#[test]
fn pins_never_reach_the_data_directory() {
    let t = TestVault::new();
    let s = t
        .vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    s.change_pin(&pin(PIN), &pin("864209")).unwrap();
    let canaries = [PIN, DURESS_PIN, "864209"];
    assert_eq!(canary_hits(&t.data_dir(), &canaries), Vec::<String>::new());
    t.vault.lock();
    assert_eq!(canary_hits(&t.data_dir(), &canaries), Vec::<String>::new());
}
