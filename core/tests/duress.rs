//! The duress model under a determined abuser (issue 10): he was handed the duress PIN and sits
//! inside the decoy; he can set the phone's clock; he can copy the app's files and put them back.
//! Everything through the public API, on real SQLCipher files.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::Duration;
use common::*;
use haven_core::{
    BundlePassphrase, DuressBehaviour, DuressOptions, EntryDraft, Error, IncidentKind,
    InsecureSoftwareProtector, KeyProtector, Locale, ProtectorError, ReportRequest,
    ReportSelection, Session, SetupOptions, SpaceKind, UnlockOutcome, VaultState,
};
use std::io::Read;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

/// Waits out every pending delay, on both clocks.
fn wait_long(t: &TestVault) {
    t.clock.advance(Duration::hours(2));
}

fn decoy_vault() -> (TestVault, Session) {
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    t.vault.lock();
    let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    assert_eq!(decoy.space(), SpaceKind::Notes);
    (t, decoy)
}

fn is_wrong(result: Result<(), Error>, field: &str) -> String {
    match result {
        Err(e @ Error::InvalidInput { field: f, .. }) if f == field => e.to_string(),
        other => panic!("expected a wrong-PIN answer on {field}, got {other:?}"),
    }
}

// ---- The decoy is not an oracle ---------------------------------------------------------------

#[test]
fn the_decoy_refuses_the_real_pin_on_every_pin_taking_call_exactly_like_a_wrong_pin() {
    let (t, decoy) = decoy_vault();
    decoy.verify_pin(&pin(DURESS_PIN)).unwrap();
    let some_other = "583920";
    for candidate in [PIN, WRONG_PIN, some_other] {
        wait_long(&t);
        let verify = is_wrong(decoy.verify_pin(&pin(candidate)), "pin");
        assert_eq!(verify, "invalid pin: is not correct", "{candidate}");
        wait_long(&t);
        let change = is_wrong(
            decoy.change_pin(&pin(candidate), &pin("739164")),
            "current_pin",
        );
        assert_eq!(change, "invalid current_pin: is not correct");
    }
    // What a notes space has no business doing fails before any PIN is looked at, whatever
    // the PIN: nothing to learn there either.
    for candidate in [PIN, DURESS_PIN, WRONG_PIN] {
        let p = pin(candidate);
        assert!(matches!(
            decoy.set_wipe_after_failures(&p, Some(5)),
            Err(Error::WrongSpace)
        ));
        assert!(matches!(decoy.clear_duress_pin(&p), Err(Error::WrongSpace)));
        let duress = DuressOptions {
            pin: pin("739164"),
            behaviour: DuressBehaviour::NothingHere,
            shred_real: true,
        };
        assert!(matches!(
            decoy.set_duress_pin(&p, &duress),
            Err(Error::WrongSpace)
        ));
        assert!(matches!(decoy.decoy_notes(&p), Err(Error::WrongSpace)));
        let passphrase = BundlePassphrase::new("a long enough passphrase".into()).unwrap();
        assert!(matches!(
            decoy.export_bundle(&p, &passphrase),
            Err(Error::WrongSpace)
        ));
        let request = ReportRequest {
            selection: ReportSelection::Entries(vec![]),
            locale: Locale::En,
            include_hidden: false,
            embed_photos: false,
        };
        assert!(matches!(
            decoy.export_report(&p, &request),
            Err(Error::WrongSpace)
        ));
    }
    // The real vault is untouched and still opens with the real PIN.
    t.vault.lock();
    wait_long(&t);
    assert_eq!(
        opened(t.vault.unlock(&pin(PIN)).unwrap()).space(),
        SpaceKind::Full
    );
}

#[test]
fn changing_the_pin_in_the_decoy_never_says_that_the_new_pin_is_taken() {
    let (t, decoy) = decoy_vault();
    // To the real PIN: the answer is the same as for any other new PIN.
    decoy.change_pin(&pin(DURESS_PIN), &pin("739164")).unwrap();
    decoy.change_pin(&pin("739164"), &pin(PIN)).unwrap();
    t.vault.lock();
    // The real PIN opens the real vault, as it always did.
    assert_eq!(
        opened(t.vault.unlock(&pin(PIN)).unwrap()).space(),
        SpaceKind::Full
    );
    // Weak new PINs are refused there too, before any PIN is checked.
    t.vault.lock();
    let (t2, decoy) = decoy_vault();
    assert!(matches!(
        decoy.change_pin(&pin(DURESS_PIN), &pin("111111")),
        Err(Error::InvalidInput {
            field: "new_pin",
            ..
        })
    ));
    decoy.change_pin(&pin(DURESS_PIN), &pin("739164")).unwrap();
    t2.vault.lock();
    assert_eq!(
        opened(t2.vault.unlock(&pin("739164")).unwrap()).space(),
        SpaceKind::Notes
    );
}

#[test]
fn wrong_pins_through_the_decoys_checks_lock_out_exactly_as_unlocks_would() {
    let (t, decoy) = decoy_vault();
    // Four free, the fifth starts a delay: then every check is refused untried.
    for _ in 0..5 {
        is_wrong(decoy.verify_pin(&pin(WRONG_PIN)), "pin");
    }
    assert!(matches!(
        decoy.verify_pin(&pin(PIN)),
        Err(Error::Throttled { .. })
    ));
    assert!(matches!(
        decoy.change_pin(&pin(PIN), &pin("739164")),
        Err(Error::Throttled { .. })
    ));
    t.vault.lock();
    assert!(matches!(
        t.vault.state().unwrap(),
        VaultState::LockedOut { .. }
    ));
    // The real PIN, tried now at the calculator, is not even tried.
    assert!(matches!(
        t.vault.unlock(&pin(PIN)).unwrap(),
        UnlockOutcome::Throttled { .. }
    ));
}

#[test]
fn fifty_wrong_pins_through_a_recheck_end_exactly_where_fifty_unlocks_do() {
    let by_recheck = TestVault::new();
    let session = by_recheck.vault.setup(TestVault::setup_options()).unwrap();
    let by_unlock = TestVault::new();
    by_unlock.vault.setup(TestVault::setup_options()).unwrap();
    by_unlock.vault.lock();
    for _ in 0..50 {
        wait_long(&by_recheck);
        wait_long(&by_unlock);
        is_wrong(session.verify_pin(&pin(WRONG_PIN)), "pin");
        not_opened(by_unlock.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    by_recheck.vault.lock();
    let (a, b) = (
        by_recheck.vault.state().unwrap(),
        by_unlock.vault.state().unwrap(),
    );
    assert!(matches!(a, VaultState::LockedOut { .. }), "{a:?}");
    assert_eq!(a, b);
}

#[test]
fn wrong_pins_through_a_recheck_count_toward_the_opt_in_wipe() {
    let t = TestVault::new();
    let session = t
        .vault
        .setup(SetupOptions {
            wipe_after_failures: Some(5),
            ..TestVault::setup_options()
        })
        .unwrap();
    for _ in 0..4 {
        wait_long(&t);
        is_wrong(session.verify_pin(&pin(WRONG_PIN)), "pin");
    }
    wait_long(&t);
    assert!(matches!(
        session.change_pin(&pin(WRONG_PIN), &pin("739164")),
        Err(Error::Locked)
    ));
    assert!(!session.is_open());
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
    assert!(listing(&t.data_dir()).is_empty());
}

#[test]
fn the_wipe_threshold_can_be_read_back_in_the_real_vault_only() {
    let (t, decoy) = decoy_vault();
    assert!(matches!(
        decoy.wipe_after_failures(),
        Err(Error::WrongSpace)
    ));
    t.vault.lock();
    let real = opened(t.vault.unlock(&pin(PIN)).unwrap());
    assert_eq!(real.wipe_after_failures().unwrap(), None);
    real.set_wipe_after_failures(&pin(PIN), Some(12)).unwrap();
    assert_eq!(real.wipe_after_failures().unwrap(), Some(12));
}

#[test]
fn a_right_pin_at_a_recheck_resets_the_count() {
    let t = TestVault::new();
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    for _ in 0..4 {
        is_wrong(session.verify_pin(&pin(WRONG_PIN)), "pin");
    }
    session.verify_pin(&pin(PIN)).unwrap();
    for _ in 0..4 {
        is_wrong(session.verify_pin(&pin(WRONG_PIN)), "pin");
    }
    session.verify_pin(&pin(PIN)).unwrap();
}

// ---- Throttling on a clock he cannot set -------------------------------------------------------

fn locked_out_vault() -> TestVault {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    for _ in 0..5 {
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    assert!(matches!(
        t.vault.state().unwrap(),
        VaultState::LockedOut { .. }
    ));
    t
}

#[test]
fn moving_the_wall_clock_forward_or_back_skips_no_delay() {
    let t = locked_out_vault();
    let start = haven_core::Clock::now(t.clock.as_ref());
    for jump in [Duration::days(2), Duration::days(-2), Duration::days(400)] {
        t.clock.set_wall(start + jump);
        assert!(
            matches!(
                t.vault.unlock(&pin(PIN)).unwrap(),
                UnlockOutcome::Throttled { .. }
            ),
            "{jump}"
        );
        assert!(matches!(
            t.reopen().state().unwrap(),
            VaultState::LockedOut { .. }
        ));
    }
    // Time that really passes counts: 30 s after the fifth failure, attempts are tried again.
    t.clock.advance(Duration::seconds(31));
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

#[test]
fn a_reboot_starts_the_pending_delay_again() {
    let t = locked_out_vault();
    t.clock.advance(Duration::seconds(20));
    t.clock.reboot();
    // 20 s of the 30 had passed; after the reboot the full delay runs again, from the first
    // moment the vault sees the new boot (it cannot know when the phone restarted).
    t.clock.advance(Duration::seconds(20));
    assert!(matches!(
        t.vault.unlock(&pin(PIN)).unwrap(),
        UnlockOutcome::Throttled { .. }
    ));
    t.clock.advance(Duration::seconds(20));
    assert!(matches!(
        t.vault.unlock(&pin(PIN)).unwrap(),
        UnlockOutcome::Throttled { .. }
    ));
    t.clock.advance(Duration::seconds(11));
    opened(t.vault.unlock(&pin(PIN)).unwrap());
}

// ---- Old copies of `k` buy nothing ---------------------------------------------------------------

fn keys_file(t: &TestVault) -> std::path::PathBuf {
    t.data_dir().join("k")
}

#[test]
fn restoring_an_older_keys_file_after_failures_neither_resets_the_throttle_nor_opens() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    let saved = std::fs::read(keys_file(&t)).unwrap();
    for _ in 0..5 {
        not_opened(t.vault.unlock(&pin(WRONG_PIN)).unwrap());
    }
    std::fs::write(keys_file(&t), &saved).unwrap();
    let vault = t.reopen();
    assert!(matches!(vault.state(), Err(Error::ProtectorUnavailable)));
    assert!(matches!(
        vault.unlock(&pin(PIN)),
        Err(Error::ProtectorUnavailable)
    ));
}

#[test]
fn restoring_the_keys_file_from_before_a_duress_shred_does_not_reopen_the_real_vault() {
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, true))
        .unwrap();
    t.vault.lock();
    let saved = std::fs::read(keys_file(&t)).unwrap();
    opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    t.vault.lock();
    not_opened(t.vault.unlock(&pin(PIN)).unwrap());
    std::fs::write(keys_file(&t), &saved).unwrap();
    let vault = t.reopen();
    assert!(matches!(
        vault.unlock(&pin(PIN)),
        Err(Error::ProtectorUnavailable)
    ));
}

#[test]
fn restoring_the_keys_file_from_before_a_pin_change_does_not_bring_back_the_old_pin() {
    let t = TestVault::new();
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    let saved = std::fs::read(keys_file(&t)).unwrap();
    session.change_pin(&pin(PIN), &pin("739164")).unwrap();
    t.vault.lock();
    std::fs::write(keys_file(&t), &saved).unwrap();
    assert!(matches!(
        t.reopen().unlock(&pin(PIN)),
        Err(Error::ProtectorUnavailable)
    ));
}

#[test]
fn every_guess_needs_the_device_mixing_key() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    // A copy of the files and the sealing key, without the mixing key: the real PIN opens
    // nothing (what an attacker with one unseal but off the device would have).
    std::fs::remove_file(t.protector_dir().join("mix")).unwrap();
    not_opened(t.vault.unlock(&pin(PIN)).unwrap());
}

// ---- The header cannot be bent ---------------------------------------------------------------------

/// Rewrites the keys file's plain header through the protector (as an attacker able to use the
/// app's platform key would), changing bytes `at` to `value`.
fn tamper_header(t: &TestVault, at: usize, value: &[u8]) {
    let protector = InsecureSoftwareProtector::new(t.protector_dir());
    let sealed = std::fs::read(keys_file(t)).unwrap();
    let mut plain = protector.open(&sealed).unwrap().to_vec();
    plain[at..at + value.len()].copy_from_slice(value);
    let resealed = protector.seal(&plain).unwrap();
    std::fs::write(keys_file(t), &resealed).unwrap();
    protector.retire_other_keys(&resealed).unwrap();
}

#[test]
fn kdf_parameters_outside_the_floor_or_cap_are_a_damaged_file_never_a_wrong_pin() {
    // Offsets in the plain header: m_kib at 8, t at 12, p at 16.
    let cases: [(usize, u32); 5] = [
        (8, 8),          // m below the (test) floor
        (8, 4 << 20),    // m = 4 GiB, over the 1 GiB cap
        (12, 0),         // t = 0
        (12, 1_000_000), // t over the cap
        (16, 9),         // p over 4
    ];
    for (at, value) in cases {
        let t = TestVault::new();
        t.vault.setup(TestVault::setup_options()).unwrap();
        t.vault.lock();
        tamper_header(&t, at, &value.to_le_bytes());
        let vault = t.reopen();
        for _ in 0..6 {
            assert!(
                matches!(
                    vault.unlock(&pin(PIN)),
                    Err(Error::Corrupt { what: "keys file" })
                ),
                "offset {at} = {value}"
            );
        }
        // Not counted: put the header back and the real PIN opens at once, unthrottled.
        tamper_header(&t, at, &haven_core_test_params(at).to_le_bytes());
        opened(t.reopen().unlock(&pin(PIN)).unwrap());
    }
}

/// The test vaults' Argon2id parameters, by header offset.
fn haven_core_test_params(at: usize) -> u32 {
    let p = haven_core::KdfParams::INSECURE_FOR_TESTS;
    match at {
        8 => p.m_kib,
        12 => p.t,
        _ => p.p,
    }
}

#[test]
fn slots_are_bound_to_the_kdf_parameters_in_range_too() {
    let t = TestVault::new();
    t.vault.setup(TestVault::setup_options()).unwrap();
    t.vault.lock();
    tamper_header(&t, 12, &2u32.to_le_bytes()); // t = 2, within range, not what sealed the slots
    not_opened(t.reopen().unlock(&pin(PIN)).unwrap());
}

// ---- Quick exit never waits --------------------------------------------------------------------------

/// A reader of `total` bytes in 64 KiB chunks that, after `pause_after` bytes, tells the test and
/// blocks until released: the test then acts while the write is provably under way.
struct PausingReader {
    left: usize,
    read: usize,
    pause_after: usize,
    paused: Option<(mpsc::Sender<()>, mpsc::Receiver<()>)>,
}

impl Read for PausingReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.read >= self.pause_after {
            if let Some((tell, wait)) = self.paused.take() {
                tell.send(()).unwrap();
                wait.recv().unwrap();
            }
        }
        let n = buf.len().min(self.left).min(64 * 1024);
        buf[..n].fill(0xA5);
        self.left -= n;
        self.read += n;
        Ok(n)
    }
}

fn entry(t: &TestVault) -> EntryDraft {
    EntryDraft {
        occurred_at: haven_core::Clock::now(t.clock.as_ref()) - Duration::hours(1),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Threats],
        narrative: "what happened".into(),
        injuries: None,
        witnesses: None,
        place: None,
        police_involved: false,
        police_reference: None,
        medical_involved: false,
        medical_reference: None,
    }
}

fn row_count(session: &Session, table: &str) -> usize {
    haven_core::testing::tables_and_text(session)
        .unwrap()
        .into_iter()
        .find(|(name, _, _)| name == table)
        .map(|(_, count, _)| count)
        .unwrap()
}

#[test]
fn lock_during_a_streamed_40_mb_attachment_returns_at_once_and_nothing_is_stored() {
    let t = TestVault::new();
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    let id = session.add_journal_entry(&entry(&t)).unwrap().id;
    let total = 40 * 1024 * 1024;
    let (tell, told) = mpsc::channel();
    let (release, wait) = mpsc::channel();
    let worker = {
        let session = session.clone();
        std::thread::spawn(move || {
            let mut reader = PausingReader {
                left: total,
                read: 0,
                pause_after: 8 * 1024 * 1024,
                paused: Some((tell, wait)),
            };
            let draft = haven_core::AttachmentDraft {
                kind: haven_core::AttachmentKind::Photo,
                file_name: None,
                mime_type: "image/jpeg".into(),
            };
            session.add_attachment(id, &draft, total as u64, &mut reader)
        })
    };
    told.recv().unwrap();
    // The write holds the connection and is blocked in its stream: a lock that waited for it
    // would never return and this test would hang.
    t.vault.lock();
    assert!(!session.is_open());
    release.send(()).unwrap();
    assert!(matches!(worker.join().unwrap(), Err(Error::Locked)));

    let session = opened(t.vault.unlock(&pin(PIN)).unwrap());
    assert_eq!(row_count(&session, "journal_attachments"), 0);
    assert!(matches!(
        session.verify_chain().unwrap(),
        haven_core::ChainStatus::Intact(_)
    ));
}

#[test]
fn lock_during_a_pin_change_abandons_the_change() {
    let t = TestVault::new();
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    let protector = Arc::new(PausingProtector::new(t.protector_dir()));
    let vault = haven_core::Vault::with_options(
        t.data_dir(),
        protector.clone(),
        haven_core::VaultOptions::insecure_fast_kdf_for_tests(t.clock.clone()),
    )
    .unwrap();
    t.vault.lock();
    drop(session);
    let session = opened(vault.unlock(&pin(PIN)).unwrap());
    // Pause in the new PIN's derivation (the second device mix of the change: the current
    // PIN's, then the new one's), lock, then let it finish.
    let (entered, proceed) = protector.pause_at_mix(1);
    let worker = {
        let session = session.clone();
        std::thread::spawn(move || session.change_pin(&pin(PIN), &pin("739164")))
    };
    entered.recv().unwrap();
    vault.lock();
    proceed.send(()).unwrap();
    assert!(matches!(worker.join().unwrap(), Err(Error::Locked)));
    not_opened(vault.unlock(&pin("739164")).unwrap());
    opened(vault.unlock(&pin(PIN)).unwrap());
}

/// Where to pause (the n-th device mix), whom to tell, and what to wait for.
type Pause = (usize, mpsc::Sender<()>, mpsc::Receiver<()>);

/// The software protector, able to pause inside its n-th device mix (0-based).
#[derive(Debug)]
struct PausingProtector {
    inner: InsecureSoftwareProtector,
    mixes: Mutex<usize>,
    pause: Mutex<Option<Pause>>,
}

impl PausingProtector {
    fn new(dir: std::path::PathBuf) -> Self {
        PausingProtector {
            inner: InsecureSoftwareProtector::new(dir),
            mixes: Mutex::new(0),
            pause: Mutex::new(None),
        }
    }

    fn pause_at_mix(&self, n: usize) -> (mpsc::Receiver<()>, mpsc::Sender<()>) {
        let (tell, told) = mpsc::channel();
        let (release, wait) = mpsc::channel();
        *self.mixes.lock().unwrap() = 0;
        *self.pause.lock().unwrap() = Some((n, tell, wait));
        (told, release)
    }
}

impl KeyProtector for PausingProtector {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError> {
        self.inner.seal(plaintext)
    }
    fn open(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, ProtectorError> {
        self.inner.open(sealed)
    }
    fn retire_other_keys(&self, sealed: &[u8]) -> Result<(), ProtectorError> {
        self.inner.retire_other_keys(sealed)
    }
    fn device_mix(&self, input: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, ProtectorError> {
        let n = {
            let mut mixes = self.mixes.lock().unwrap();
            *mixes += 1;
            *mixes - 1
        };
        let pause = {
            let mut pause = self.pause.lock().unwrap();
            match pause.as_ref() {
                Some((at, _, _)) if *at == n => pause.take(),
                _ => None,
            }
        };
        if let Some((_, tell, wait)) = pause {
            tell.send(()).unwrap();
            wait.recv().unwrap();
        }
        self.inner.device_mix(input)
    }
    fn destroy(&self) -> Result<(), ProtectorError> {
        self.inner.destroy()
    }
}

// ---- A closed vault leaves the same files ------------------------------------------------------

#[test]
fn after_any_writes_and_a_lock_the_directory_holds_exactly_k_a_db_b_db() {
    let expected = ["a.db", "b.db", "k"];
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    t.vault.lock();
    assert_eq!(file_names(&t.data_dir()), expected, "after setup");
    let real = opened(t.vault.unlock(&pin(PIN)).unwrap());
    real.add_plan_item("go_bag", "passport copy").unwrap();
    real.add_journal_entry(&entry(&t)).unwrap();
    t.vault.lock();
    assert_eq!(file_names(&t.data_dir()), expected, "after real writes");

    let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    decoy.add_note("Buy bread").unwrap();
    t.vault.lock();
    assert_eq!(file_names(&t.data_dir()), expected, "after decoy writes");

    let real = opened(t.vault.unlock(&pin(PIN)).unwrap());
    let notes = real.decoy_notes(&pin(PIN)).unwrap();
    notes.add_note("Dentist on Friday").unwrap();
    real.set_locale(Locale::Ru).unwrap();
    t.vault.lock();
    assert!(!notes.is_open());
    assert_eq!(file_names(&t.data_dir()), expected, "after both at once");
}

/// Records every protector call with the data directory's files at that moment.
#[derive(Debug)]
struct RecordingProtector {
    inner: InsecureSoftwareProtector,
    data_dir: std::path::PathBuf,
    log: Mutex<Vec<String>>,
}

impl RecordingProtector {
    fn note(&self, call: &str) {
        let files = file_names(&self.data_dir).join(",");
        self.log.lock().unwrap().push(format!("{call} [{files}]"));
    }
}

impl KeyProtector for RecordingProtector {
    fn seal(&self, plaintext: &[u8]) -> Result<Vec<u8>, ProtectorError> {
        self.note("seal");
        self.inner.seal(plaintext)
    }
    fn open(&self, sealed: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, ProtectorError> {
        self.note("open");
        self.inner.open(sealed)
    }
    fn retire_other_keys(&self, sealed: &[u8]) -> Result<(), ProtectorError> {
        self.note("retire");
        self.inner.retire_other_keys(sealed)
    }
    fn device_mix(&self, input: &[u8]) -> Result<zeroize::Zeroizing<Vec<u8>>, ProtectorError> {
        self.note("mix");
        self.inner.device_mix(input)
    }
    fn destroy(&self) -> Result<(), ProtectorError> {
        self.note("destroy");
        self.inner.destroy()
    }
}

fn setup_log(options: SetupOptions) -> (Vec<String>, Vec<String>) {
    let tmp = tempfile::tempdir().unwrap();
    let data_dir = tmp.path().join("data");
    let protector = Arc::new(RecordingProtector {
        inner: InsecureSoftwareProtector::new(tmp.path().join("protector")),
        data_dir: data_dir.clone(),
        log: Mutex::new(Vec::new()),
    });
    let clock = Arc::new(haven_core::ManualClock::new(chrono::Utc::now()));
    let vault = haven_core::Vault::with_options(
        &data_dir,
        protector.clone(),
        haven_core::VaultOptions::insecure_fast_kdf_for_tests(clock),
    )
    .unwrap();
    vault.setup(options).unwrap();
    vault.lock();
    let log = protector.log.lock().unwrap().clone();
    (log, file_names(&data_dir))
}

#[test]
fn setup_with_and_without_a_duress_pin_does_the_same_work_and_writes_the_same_files() {
    let without = setup_log(TestVault::setup_options());
    let with = setup_log(with_duress(DuressBehaviour::OpenDecoy, true));
    assert_eq!(without, with);
    assert_eq!(
        without.0.iter().filter(|c| c.starts_with("mix")).count(),
        2,
        "two derivations either way: {:?}",
        without.0
    );
}

// ---- Damaged databases are never new vaults ------------------------------------------------------

#[test]
fn an_empty_or_foreign_database_is_refused_as_damaged_and_left_as_it_is() {
    for (file, unlock_pin) in [("a.db", PIN), ("b.db", DURESS_PIN)] {
        for content in [
            Vec::new(),
            vec![0x42; 8192],
            b"SQLite format 3\0".repeat(64),
        ] {
            let t = TestVault::new();
            t.vault
                .setup(with_duress(DuressBehaviour::OpenDecoy, false))
                .unwrap();
            t.vault.lock();
            let path = t.data_dir().join(file);
            std::fs::write(&path, &content).unwrap();
            assert!(
                matches!(
                    t.vault.unlock(&pin(unlock_pin)),
                    Err(Error::Corrupt { what: "database" })
                ),
                "{file} with {} bytes",
                content.len()
            );
            assert_eq!(
                std::fs::read(&path).unwrap(),
                content,
                "{file} not rewritten"
            );
        }
    }
}

// ---- A decoy that tells no story ----------------------------------------------------------------

/// Words that would tell him what the app is, in every language it speaks: the plan's, the
/// journal's, the directory's, the orders'.
const TELLTALE: &[&str] = &[
    "violence",
    "насили",
    "зорлық",
    "abuse",
    "shelter",
    "убежищ",
    "баспана",
    "crisis",
    "кризис",
    "дағдарыс",
    "police",
    "полиц",
    "полиция",
    "protection order",
    "защитн",
    "safety plan",
    "план безопасности",
    "қауіпсіздік",
    "journal",
    "журнал",
    "incident",
    "injur",
    "травм",
    "жарақат",
    "go_bag",
    "escape",
    "побег",
    "112",
    "102",
    "111",
    "150",
    "hotline",
    "телефон доверия",
    "haven",
];

#[test]
fn the_decoy_holds_no_dv_content_in_any_language() {
    for locale in [Locale::Kk, Locale::Ru, Locale::En] {
        let t = TestVault::new();
        t.vault
            .setup(SetupOptions {
                locale,
                ..with_duress(DuressBehaviour::OpenDecoy, false)
            })
            .unwrap();
        t.vault.lock();
        let decoy = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
        for (table, rows, text) in haven_core::testing::tables_and_text(&decoy).unwrap() {
            // FTS5 keeps its own bookkeeping rows in an empty index.
            if !["settings", "dir_fts_config", "dir_fts_data"].contains(&table.as_str()) {
                assert_eq!(rows, 0, "{locale:?}: the decoy's {table} has rows");
            }
            let lower = text.to_lowercase();
            for word in TELLTALE {
                assert!(!lower.contains(word), "{locale:?}: {table} says {word:?}");
            }
        }
        assert!(matches!(decoy.plan(), Err(Error::WrongSpace)));
        assert!(matches!(decoy.contacts(), Err(Error::WrongSpace)));
        assert!(matches!(decoy.directory_info(), Err(Error::WrongSpace)));
    }
}

#[test]
fn notes_in_the_decoy_are_added_edited_deleted_and_kept() {
    let (t, decoy) = decoy_vault();
    assert!(decoy.list_notes().unwrap().is_empty());
    let first = decoy.add_note("Buy bread").unwrap();
    t.clock.advance(Duration::minutes(1));
    let second = decoy.add_note("Call the dentist").unwrap();
    assert_eq!(
        decoy
            .list_notes()
            .unwrap()
            .iter()
            .map(|n| n.id)
            .collect::<Vec<_>>(),
        [second.id, first.id],
        "newest first"
    );
    t.clock.advance(Duration::minutes(1));
    let edited = decoy.update_note(first.id, "Buy bread and milk").unwrap();
    assert!(edited.updated_at > edited.created_at);
    assert_eq!(decoy.list_notes().unwrap()[0].id, first.id);
    decoy.delete_note(second.id).unwrap();
    assert!(matches!(
        decoy.delete_note(second.id),
        Err(Error::NotFound { .. })
    ));
    for bad in ["", "   ", "a\0b"] {
        assert!(matches!(
            decoy.add_note(bad),
            Err(Error::InvalidInput { field: "text", .. })
        ));
    }
    assert!(matches!(
        decoy.add_note(&"x".repeat(haven_core::NOTE_MAX_CHARS + 1)),
        Err(Error::InvalidInput { field: "text", .. })
    ));
    t.vault.lock();
    let again = opened(t.vault.unlock(&pin(DURESS_PIN)).unwrap());
    let texts: Vec<String> = again
        .list_notes()
        .unwrap()
        .into_iter()
        .map(|n| n.text)
        .collect();
    assert_eq!(texts, ["Buy bread and milk"]);
    // The real vault has no notes of its own, and its data is not reachable from here.
    t.vault.lock();
    let real = opened(t.vault.unlock(&pin(PIN)).unwrap());
    assert!(matches!(real.list_notes(), Err(Error::WrongSpace)));
    assert_eq!(
        real.decoy_notes(&pin(PIN))
            .unwrap()
            .list_notes()
            .unwrap()
            .len(),
        1
    );
    is_wrong(real.decoy_notes(&pin(DURESS_PIN)).map(|_| ()), "pin");
}

// ---- Weak PINs ------------------------------------------------------------------------------------

#[test]
fn weak_pins_are_refused_at_setup_and_at_every_change() {
    let t = TestVault::new();
    for weak in ["123456", "000000", "121212", "987654", "112233"] {
        let err = t
            .vault
            .setup(SetupOptions {
                pin: pin(weak),
                ..TestVault::setup_options()
            })
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidInput { field: "pin", ref reason } if reason == "is too easy to guess"),
            "{weak}: {err:?}"
        );
        assert!(pin(weak).is_weak());
    }
    assert_eq!(t.vault.state().unwrap(), VaultState::NotSetUp);
    let err = t
        .vault
        .setup(SetupOptions {
            duress: Some(DuressOptions {
                pin: pin("654321"),
                behaviour: DuressBehaviour::NothingHere,
                shred_real: false,
            }),
            ..TestVault::setup_options()
        })
        .unwrap_err();
    assert!(matches!(
        err,
        Error::InvalidInput {
            field: "duress_pin",
            ..
        }
    ));
    let session = t.vault.setup(TestVault::setup_options()).unwrap();
    assert!(matches!(
        session.change_pin(&pin(PIN), &pin("111111")),
        Err(Error::InvalidInput {
            field: "new_pin",
            ..
        })
    ));
    let duress = DuressOptions {
        pin: pin("123123"),
        behaviour: DuressBehaviour::OpenDecoy,
        shred_real: false,
    };
    assert!(matches!(
        session.set_duress_pin(&pin(PIN), &duress),
        Err(Error::InvalidInput {
            field: "duress_pin",
            ..
        })
    ));
}

// ---- Files stay private ----------------------------------------------------------------------------

#[cfg(unix)]
#[test]
fn the_data_directory_is_owner_only_and_so_are_its_files() {
    use std::os::unix::fs::PermissionsExt;
    let t = TestVault::new();
    t.vault
        .setup(with_duress(DuressBehaviour::OpenDecoy, false))
        .unwrap();
    t.vault.lock();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&t.data_dir()), 0o700);
    for name in file_names(&t.data_dir()) {
        assert_eq!(mode(&t.data_dir().join(&name)), 0o600, "{name}");
    }
    assert_eq!(mode(&t.protector_dir()), 0o700);
    for name in t.protector_keys() {
        assert_eq!(mode(&t.protector_dir().join(&name)), 0o600, "{name}");
    }
}
