//! The vault and its lock state machine.
//!
//! ```text
//! NotSetUp ──setup──▶ Unlocked(session) ──lock / quick_exit──▶ Locked ──unlock(real PIN)──▶ Unlocked
//!                                                                 │  ▲
//!                                          5+ wrong PINs ──▶ LockedOut{until} ──time passes──┘
//! any state ──wipe──▶ NotSetUp
//! ```
//!
//! Every PIN goes through one door, [`VaultInner::check_pin`], whoever asks for it — the
//! calculator's unlock, or a session asking for the PIN again before a sensitive action: refused
//! while a throttle delay runs, the attempt counted and written *before* the derivation, one
//! Argon2id and device mix, every slot tried, the keys file written again, counted toward the
//! opt-in wipe, reset only on success. Only then does a real PIN open `a.db`, or a duress PIN
//! (with "open decoy") open `b.db`. A wrong PIN and a duress PIN set to "nothing here" are
//! indistinguishable.
//!
//! Which slots answer depends on who asks ([`Asker`]): in the decoy, only the duress PIN is
//! accepted for anything; the real PIN, a PIN that collides with any other, and a wrong PIN all
//! get the same answer after the same work. Nothing done in the decoy reveals whether another
//! PIN exists.
//!
//! Files in the data directory are always `k`, `a.db` and `b.db` once every session is closed,
//! whether or not a duress PIN exists and whatever was written (see `Session::close`).

use crate::db;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::kdf::{derive_kek, fill_random, random_bytes, KdfParams, Key256};
use crate::keyfile::{Db, DuressBehaviour, KeysFile, Role, Slot, SLOT_COUNT};
use crate::locale::Locale;
use crate::pin::Pin;
use crate::protector::{KeyProtector, ProtectorError};
use crate::session::Session;
use crate::throttle::{delay_after, pending, Clock, Pending, SystemClock};
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Accepted values for the opt-in "wipe after N wrong PINs".
pub const WIPE_AFTER_RANGE: std::ops::RangeInclusive<u32> = 5..=50;

/// Where the vault is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum VaultState {
    /// No vault in the data directory.
    NotSetUp,
    /// A vault exists and is closed (the disguise shows).
    Locked,
    /// Too many wrong PINs: attempts before `until` are not tried.
    LockedOut { until: DateTime<Utc> },
    /// A session is open.
    Unlocked,
}

/// What an unlock attempt led to. A duress PIN leads to `Opened` (decoy) or `NotOpened`
/// (nothing here) — the caller cannot tell these from a real or wrong PIN, by design.
#[derive(Debug)]
pub enum UnlockOutcome {
    /// A vault is open.
    Opened(Session),
    /// Nothing opened.
    NotOpened,
    /// The attempt was not tried, because of earlier wrong PINs.
    Throttled { until: DateTime<Utc> },
}

/// The duress PIN and what it does.
#[derive(Debug, Clone)]
pub struct DuressOptions {
    /// The duress PIN (must differ from the real one).
    pub pin: Pin,
    /// What entering it does.
    pub behaviour: DuressBehaviour,
    /// Also destroy, silently, the key to the real vault.
    pub shred_real: bool,
}

/// Everything `setup` needs.
#[derive(Debug, Clone)]
pub struct SetupOptions {
    /// The real PIN.
    pub pin: Pin,
    /// An optional duress PIN.
    pub duress: Option<DuressOptions>,
    /// The display language; the plan and content are seeded in it.
    pub locale: Locale,
    /// Opt-in: wipe everything after this many consecutive wrong PINs.
    pub wipe_after_failures: Option<u32>,
}

/// How a vault is built: the Argon2id cost (and the lowest cost accepted from a keys file) and
/// the clock.
#[derive(Debug, Clone)]
pub struct VaultOptions {
    kdf: KdfParams,
    floor: KdfParams,
    clock: Arc<dyn Clock>,
}

impl Default for VaultOptions {
    fn default() -> Self {
        VaultOptions {
            kdf: KdfParams::PRODUCTION,
            floor: KdfParams::PRODUCTION,
            clock: Arc::new(SystemClock),
        }
    }
}

impl VaultOptions {
    /// Production settings with another clock.
    pub fn with_clock(clock: Arc<dyn Clock>) -> Self {
        VaultOptions {
            clock,
            ..Default::default()
        }
    }

    /// Cheap Argon2id for tests ONLY: a vault set up with these can be brute-forced quickly.
    pub fn insecure_fast_kdf_for_tests(clock: Arc<dyn Clock>) -> Self {
        Self::with_kdf(KdfParams::INSECURE_FOR_TESTS, clock)
    }

    /// Explicit parameters (benchmarks). Values below the production floor are for tests only:
    /// they also lower the floor that keys files are checked against.
    pub fn with_kdf(kdf: KdfParams, clock: Arc<dyn Clock>) -> Self {
        let floor = if kdf.within(&KdfParams::PRODUCTION) {
            KdfParams::PRODUCTION
        } else {
            kdf
        };
        VaultOptions { kdf, floor, clock }
    }
}

/// A vault in a data directory. Cheap to share between threads.
#[derive(Debug, Clone)]
pub struct Vault {
    inner: Arc<VaultInner>,
}

#[derive(Debug)]
pub(crate) struct VaultInner {
    dir: PathBuf,
    protector: Arc<dyn KeyProtector>,
    options: VaultOptions,
    /// Serializes every operation that reads and writes the keys file.
    ops: Mutex<()>,
    /// The open sessions (the one unlock or setup opened first; the decoy's notes opened from
    /// the real vault after it), all closed by `lock` and `wipe`.
    sessions: Mutex<Vec<Session>>,
}

/// Who asks for a PIN, which decides the slots that answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Asker {
    /// The calculator's unlock: the real PIN and the duress PIN.
    Unlock,
    /// A session asking for the PIN that opened it: in the real vault the real PIN, in the
    /// decoy only the duress PIN.
    Session(Db),
}

impl Asker {
    fn accepts(self, role: Role) -> bool {
        match (self, role) {
            (Asker::Unlock, Role::DecoyKey) => false,
            (Asker::Unlock, _) => true,
            (Asker::Session(Db::Real), Role::Real { .. } | Role::DecoyKey) => true,
            (Asker::Session(Db::Decoy), Role::Duress { .. }) => true,
            (Asker::Session(_), _) => false,
        }
    }
}

/// A PIN a session asked for again, accepted: the keys file as written after the check, the
/// PIN's KEK, and the slots it opens for that session.
type Rechecked = (KeysFile, Key256, Vec<(usize, Slot)>);

/// What a PIN did at the door.
pub(crate) enum Checked {
    /// It opened these slots (of those the asker accepts), under this KEK.
    Opened {
        kek: Key256,
        slots: Vec<(usize, Slot)>,
    },
    /// It opened nothing the asker accepts (or was a duress PIN set to "nothing here").
    Wrong,
    /// It was the last failure the opt-in wipe allowed: the vault is gone.
    Wiped,
}

/// Names of the files, chosen to say nothing.
const KEYS: &str = "k";
const REAL_DB: &str = "a.db";
const DECOY_DB: &str = "b.db";

fn lock_ignoring_poison<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

impl Vault {
    /// Opens the vault in `dir` with production settings, completing a wipe that a crash
    /// interrupted. Creates `dir` if needed.
    pub fn new(dir: impl Into<PathBuf>, protector: Arc<dyn KeyProtector>) -> Result<Vault> {
        Self::with_options(dir, protector, VaultOptions::default())
    }

    /// As [`Vault::new`], with explicit options.
    pub fn with_options(
        dir: impl Into<PathBuf>,
        protector: Arc<dyn KeyProtector>,
        options: VaultOptions,
    ) -> Result<Vault> {
        let dir = dir.into();
        fsutil::create_private_dir(&dir).map_err(Error::io("create the data directory"))?;
        let vault = Vault {
            inner: Arc::new(VaultInner {
                dir,
                protector,
                options,
                ops: Mutex::new(()),
                sessions: Mutex::new(Vec::new()),
            }),
        };
        if vault.inner.wipe_in_progress() {
            vault.inner.finish_wipe()?;
        }
        Ok(vault)
    }

    /// The current state.
    pub fn state(&self) -> Result<VaultState> {
        let _op = lock_ignoring_poison(&self.inner.ops);
        if self.inner.current_session().is_some() {
            return Ok(VaultState::Unlocked);
        }
        let keys = match self.inner.load_keys() {
            Err(Error::NotSetUp) => return Ok(VaultState::NotSetUp),
            other => other?,
        };
        Ok(match self.inner.lockout(&keys) {
            Some(until) => VaultState::LockedOut { until },
            None => VaultState::Locked,
        })
    }

    /// Creates every file of a new vault and opens it.
    pub fn setup(&self, options: SetupOptions) -> Result<Session> {
        let _op = lock_ignoring_poison(&self.inner.ops);
        self.inner.setup(options)
    }

    /// Tries a PIN. See the module docs for why every outcome costs the same.
    pub fn unlock(&self, pin: &Pin) -> Result<UnlockOutcome> {
        let _op = lock_ignoring_poison(&self.inner.ops);
        self.inner.close_all();
        self.inner.unlock(pin)
    }

    /// Closes every open session and forgets its keys. Instant and idempotent: call it on every
    /// exit gesture and whenever the app leaves the foreground. It never waits for another
    /// operation: a running query is interrupted, and a long operation (a streamed attachment,
    /// an export, a pack install, a PIN change) stops at its next step and rolls back.
    pub fn lock(&self) {
        self.inner.close_all();
    }

    /// Destroys the vault: first the keys (crypto-shred: the keys file, then the protector's
    /// platform key), then the databases. Completes on the next start if interrupted.
    pub fn wipe(&self) -> Result<()> {
        self.inner.close_all();
        let _op = lock_ignoring_poison(&self.inner.ops);
        self.inner.wipe()
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.inner.dir
    }

    /// The session open now, if any: another handle to it (for a shell whose screen was
    /// recreated while the vault stayed open). `None` once locked.
    pub fn current_session(&self) -> Option<Session> {
        self.inner.current_session()
    }
}

impl VaultInner {
    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn db_path(&self, db: Db) -> PathBuf {
        self.path(match db {
            Db::Real => REAL_DB,
            Db::Decoy => DECOY_DB,
        })
    }

    /// The vault's clock (injectable for tests): recorded-at times, "open now", pack expiry.
    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.options.clock.now()
    }

    fn keys_path(&self) -> PathBuf {
        self.path(KEYS)
    }

    /// Every file a vault may leave in its directory.
    fn all_files(&self) -> Vec<PathBuf> {
        let mut files = Vec::new();
        for db in [REAL_DB, DECOY_DB] {
            for suffix in ["", "-wal", "-shm", "-journal"] {
                files.push(self.path(&format!("{db}{suffix}")));
            }
        }
        files.push(fsutil::temp_sibling(&self.keys_path()));
        files
    }

    fn current_session(&self) -> Option<Session> {
        lock_ignoring_poison(&self.sessions)
            .iter()
            .find(|s| s.is_open())
            .cloned()
    }

    fn close_all(&self) {
        let sessions = std::mem::take(&mut *lock_ignoring_poison(&self.sessions));
        for session in sessions {
            session.close();
        }
    }

    /// Opens an existing database as a session. The vault, not the storage layer, brings its
    /// content up to date: the real vault gets new plan content and the bundled directory; the
    /// decoy stays a plain notes space.
    fn open_session(self: &Arc<Self>, db: Db, dek: &Key256) -> Result<Session> {
        let mut conn = db::open(&self.db_path(db), dek, false)?;
        match db {
            Db::Real => crate::seed::after_open(&mut conn)?,
            Db::Decoy => crate::seed::notes_space(&mut conn)?,
        }
        let session = Session::new(conn, db, Arc::clone(self));
        lock_ignoring_poison(&self.sessions).push(session.clone());
        Ok(session)
    }

    /// A zero-length keys file marks a wipe that began but did not finish.
    fn wipe_in_progress(&self) -> bool {
        std::fs::metadata(self.keys_path()).is_ok_and(|m| m.len() == 0)
    }

    pub(crate) fn load_keys(&self) -> Result<KeysFile> {
        if self.wipe_in_progress() {
            self.finish_wipe()?;
            return Err(Error::NotSetUp);
        }
        KeysFile::load(
            &self.keys_path(),
            self.protector.as_ref(),
            &self.options.floor,
        )
    }

    pub(crate) fn store_keys(&self, keys: &KeysFile) -> Result<()> {
        keys.store(&self.keys_path(), self.protector.as_ref())
    }

    /// When attempts will be allowed again, on the wall clock (for display only: the delay
    /// itself runs on the boot clock).
    fn lockout(&self, keys: &KeysFile) -> Option<DateTime<Utc>> {
        match pending(
            keys.failures,
            keys.delay_started,
            self.options.clock.since_boot(),
        ) {
            Pending::None => None,
            Pending::Wait { remaining, .. } => self.retry_at(remaining),
        }
    }

    /// The wall-clock time `remaining` from now, rounded up to the second so that "try again
    /// at" is never early.
    fn retry_at(&self, remaining: std::time::Duration) -> Option<DateTime<Utc>> {
        let remaining = chrono::Duration::from_std(remaining).ok()?;
        let until = self.now() + remaining + chrono::Duration::milliseconds(999);
        DateTime::from_timestamp(until.timestamp(), 0)
    }

    fn derive(&self, keys: &KeysFile, pin: &Pin) -> Result<Key256> {
        derive_kek(&keys.params, pin, &keys.salt, self.protector.as_ref())
    }

    /// The one door every PIN goes through (see the module docs). Throttled attempts fail with
    /// [`Error::Throttled`] and are neither tried nor counted.
    pub(crate) fn check_pin(
        &self,
        keys: &mut KeysFile,
        pin: &Pin,
        asker: Asker,
    ) -> Result<Checked> {
        let boot_now = self.options.clock.since_boot();
        if let Pending::Wait { remaining, restart } =
            pending(keys.failures, keys.delay_started, boot_now)
        {
            if restart {
                // Another boot, or a boot clock seen going backwards: the delay starts again.
                keys.delay_started = Some(boot_now);
                self.store_keys(keys)?;
            }
            let until = self.retry_at(remaining).map_or(0, |t| t.timestamp());
            return Err(Error::Throttled { until_unix: until });
        }
        // Count the attempt before deriving, so killing the app mid-attempt earns no free guess.
        keys.failures = keys.failures.saturating_add(1);
        keys.delay_started = (!delay_after(keys.failures).is_zero()).then_some(boot_now);
        self.store_keys(keys)?;

        let kek = self.derive(keys, pin)?;
        let slots: Vec<(usize, Slot)> = keys
            .open_slots(&kek)
            .into_iter()
            .filter(|(_, slot)| asker.accepts(slot.role))
            .collect();
        if asker == Asker::Unlock {
            shred_if_asked(keys, &slots);
        }
        // A duress PIN set to "nothing here" counts exactly like a wrong PIN.
        let success = slots.iter().any(|(_, slot)| !is_nothing_here(slot.role));
        if success {
            keys.failures = 0;
            keys.delay_started = None;
        } else if keys.wipe_after > 0 && keys.failures >= keys.wipe_after {
            self.close_all();
            self.wipe()?;
            return Ok(Checked::Wiped);
        }
        // Always the second write, so every outcome touches the same file the same way.
        self.store_keys(keys)?;
        Ok(if success {
            Checked::Opened { kek, slots }
        } else {
            Checked::Wrong
        })
    }

    /// A PIN asked for again by a session: the slots it opens there, or an invalid-input
    /// error on `field` that is the same for a wrong PIN and for any other vault's PIN.
    fn recheck(&self, pin: &Pin, db: Db, field: &'static str) -> Result<Rechecked> {
        let mut keys = self.load_keys()?;
        match self.check_pin(&mut keys, pin, Asker::Session(db))? {
            Checked::Opened { kek, slots } => Ok((keys, kek, slots)),
            Checked::Wrong => Err(Error::invalid(field, "is not correct")),
            Checked::Wiped => Err(Error::Locked),
        }
    }

    fn setup(self: &Arc<Self>, options: SetupOptions) -> Result<Session> {
        if self.keys_path().exists() && !self.wipe_in_progress() {
            return Err(Error::AlreadySetUp);
        }
        options.pin.ensure_strong("pin")?;
        if let Some(duress) = &options.duress {
            duress.pin.ensure_strong("duress_pin")?;
            if duress.pin == options.pin {
                return Err(Error::invalid("duress_pin", "must differ from the PIN"));
            }
        }
        let wipe_after = validate_wipe_after(options.wipe_after_failures)?;
        // Leftovers of an interrupted setup or wipe hold nothing decryptable: their keys were
        // never written, or were shredded.
        self.remove_vault_files()?;

        let real_dek: Key256 = random_bytes::<32>();
        let decoy_dek: Key256 = random_bytes::<32>();
        {
            let mut decoy = db::open(&self.db_path(Db::Decoy), &decoy_dek, true)?;
            crate::seed::seed_notes_space(&mut decoy, options.locale)?;
        }
        {
            let mut real = db::open(&self.db_path(Db::Real), &real_dek, true)?;
            crate::seed::seed_new_vault(&mut real, options.locale)?;
        }

        let mut keys = KeysFile::new(self.options.kdf);
        keys.wipe_after = wipe_after;
        let [real_at, decoy_key_at, duress_at, _spare] = KeysFile::shuffled_positions();
        let kek = self.derive(&keys, &options.pin)?;
        // Always a second derivation (for a throwaway PIN when there is no duress PIN), so that
        // setup takes as long and writes the same files in the same order either way.
        let second_pin = match &options.duress {
            Some(duress) => duress.pin.clone(),
            None => throwaway_pin(),
        };
        let second_kek = self.derive(&keys, &second_pin)?;
        let mut duress_slot = None;
        if let Some(duress) = &options.duress {
            keys.put_slot(duress_at, &second_kek, &duress_slot_for(duress, &decoy_dek));
            duress_slot = Some(duress_at);
        }
        keys.put_slot(
            real_at,
            &kek,
            &Slot {
                role: Role::Real { duress_slot },
                dek: real_dek.clone(),
            },
        );
        keys.put_slot(
            decoy_key_at,
            &kek,
            &Slot {
                role: Role::DecoyKey,
                dek: decoy_dek,
            },
        );
        // Writing the keys file is the commit point of setup.
        self.store_keys(&keys)?;
        self.open_session(Db::Real, &real_dek)
    }

    fn unlock(self: &Arc<Self>, pin: &Pin) -> Result<UnlockOutcome> {
        let mut keys = self.load_keys()?;
        let slots = match self.check_pin(&mut keys, pin, Asker::Unlock) {
            Err(Error::Throttled { until_unix }) => {
                let until = DateTime::from_timestamp(until_unix, 0).unwrap_or_default();
                return Ok(UnlockOutcome::Throttled { until });
            }
            Err(e) => return Err(e),
            Ok(Checked::Wrong | Checked::Wiped) => return Ok(UnlockOutcome::NotOpened),
            Ok(Checked::Opened { slots, .. }) => slots,
        };
        match choose_target(slots) {
            Some((db, dek)) => Ok(UnlockOutcome::Opened(self.open_session(db, &dek)?)),
            None => Ok(UnlockOutcome::NotOpened),
        }
    }

    /// Checks a PIN asked for again before a sensitive action (MASVS AUTH-3), through the same
    /// door as unlock. It must be the PIN that opened the asking session.
    pub(crate) fn verify_pin(&self, pin: &Pin, db: Db) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        self.recheck(pin, db, "pin").map(|_| ())
    }

    /// Opens the decoy's notes from the real vault (she fills the space he would see), after
    /// the real PIN again.
    pub(crate) fn open_decoy_notes(self: &Arc<Self>, pin: &Pin) -> Result<Session> {
        let _op = lock_ignoring_poison(&self.ops);
        let (_, _, slots) = self.recheck(pin, Db::Real, "pin")?;
        let (_, decoy) = slots
            .into_iter()
            .find(|(_, s)| s.role == Role::DecoyKey)
            .ok_or(Error::invalid("pin", "is not correct"))?;
        self.open_session(Db::Decoy, &decoy.dek)
    }

    /// Re-wraps every slot `current` opens for the asking session under `new`. No database is
    /// re-keyed. `still_open` is asked before the write: a lock during the (slow) derivations
    /// abandons the change.
    ///
    /// In the decoy this re-wraps the duress PIN's slot alone, and never says that `new` is in
    /// use: that answer would tell him another PIN exists. (If `new` happens to be the real PIN,
    /// he has guessed it — which an unlock attempt would have told him just the same, under the
    /// same throttle.)
    pub(crate) fn change_pin(
        &self,
        current: &Pin,
        new: &Pin,
        db: Db,
        still_open: &dyn Fn() -> bool,
    ) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        if current == new {
            return Err(Error::invalid(
                "new_pin",
                "must differ from the current PIN",
            ));
        }
        new.ensure_strong("new_pin")?;
        let (mut keys, _, slots) = self.recheck(current, db, "current_pin")?;
        let new_kek = self.derive(&keys, new)?;
        if db == Db::Real && !keys.open_slots(&new_kek).is_empty() {
            return Err(Error::invalid("new_pin", "is already in use"));
        }
        for (index, slot) in &slots {
            keys.put_slot(*index, &new_kek, slot);
        }
        if !still_open() {
            return Err(Error::Locked);
        }
        self.store_keys(&keys)
    }

    /// Sets (or replaces) the duress PIN. Only the real PIN may do this.
    pub(crate) fn set_duress(&self, current: &Pin, duress: &DuressOptions) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        duress.pin.ensure_strong("duress_pin")?;
        if duress.pin == *current {
            return Err(Error::invalid("duress_pin", "must differ from the PIN"));
        }
        let (mut keys, kek, slots) = self.recheck(current, Db::Real, "current_pin")?;
        let real = RealSlots::find(slots)?;
        let duress_kek = self.derive(&keys, &duress.pin)?;
        let clash = keys
            .open_slots(&duress_kek)
            .into_iter()
            .any(|(i, _)| Some(i) != real.duress_slot);
        if clash {
            return Err(Error::invalid("duress_pin", "is already in use"));
        }
        let index = real.duress_slot.unwrap_or_else(|| {
            (0..SLOT_COUNT)
                .find(|i| *i != real.real_at && *i != real.decoy_key_at)
                .unwrap_or(SLOT_COUNT - 1)
        });
        keys.put_slot(
            index,
            &duress_kek,
            &duress_slot_for(duress, &real.decoy_dek),
        );
        real.rewrap(&mut keys, &kek, Some(index));
        self.store_keys(&keys)
    }

    /// Removes the duress PIN. Only the real PIN may do this.
    pub(crate) fn clear_duress(&self, current: &Pin) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        let (mut keys, kek, slots) = self.recheck(current, Db::Real, "current_pin")?;
        let real = RealSlots::find(slots)?;
        if let Some(index) = real.duress_slot {
            keys.clear_slot(index);
        }
        real.rewrap(&mut keys, &kek, None);
        self.store_keys(&keys)
    }

    /// The opt-in wipe threshold, `None` when off (for the real vault's settings screen).
    pub(crate) fn wipe_after(&self) -> Result<Option<u32>> {
        let _op = lock_ignoring_poison(&self.ops);
        let keys = self.load_keys()?;
        Ok((keys.wipe_after > 0).then_some(keys.wipe_after))
    }

    /// Sets the opt-in wipe after N wrong PINs. Only the real PIN may do this.
    pub(crate) fn set_wipe_after(&self, current: &Pin, after: Option<u32>) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        let after = validate_wipe_after(after)?;
        let (mut keys, _, _) = self.recheck(current, Db::Real, "current_pin")?;
        keys.wipe_after = after;
        self.store_keys(&keys)
    }

    fn remove_vault_files(&self) -> Result<()> {
        for file in self.all_files() {
            fsutil::remove_if_present(&file).map_err(Error::io("remove an old vault file"))?;
        }
        Ok(())
    }

    fn wipe(&self) -> Result<()> {
        // 1. Crypto-shred: replace the keys file with an empty one (also the "wipe in progress"
        //    mark). Every database key lived only in there.
        fsutil::write_atomic(&self.keys_path(), &[]).map_err(Error::io("shred the keys file"))?;
        self.finish_wipe()
    }

    /// Steps 2–4 of a wipe; safe to repeat after a crash.
    fn finish_wipe(&self) -> Result<()> {
        // 2. Destroy the platform key that sealed the keys file.
        match self.protector.destroy() {
            Ok(()) | Err(ProtectorError::KeyUnavailable) => {}
            Err(ProtectorError::Failed) => return Err(Error::ProtectorFailed),
        }
        // 3. Delete the (now undecryptable) databases: time independent of their size.
        self.remove_vault_files()?;
        // 4. Last, the mark itself.
        fsutil::remove_if_present(&self.keys_path()).map_err(Error::io("remove the keys file"))?;
        fsutil::sync_parent(&self.keys_path()).map_err(Error::io("sync the data directory"))
    }
}

/// The two slots the real PIN opens.
struct RealSlots {
    real_at: usize,
    decoy_key_at: usize,
    duress_slot: Option<usize>,
    real_dek: Key256,
    decoy_dek: Key256,
}

impl RealSlots {
    fn find(opened: Vec<(usize, Slot)>) -> Result<RealSlots> {
        let mut real = None;
        let mut decoy = None;
        for (i, slot) in opened {
            match slot.role {
                Role::Real { duress_slot } => real = Some((i, duress_slot, slot.dek)),
                Role::DecoyKey => decoy = Some((i, slot.dek)),
                Role::Duress { .. } => {}
            }
        }
        match (real, decoy) {
            (Some((real_at, duress_slot, real_dek)), Some((decoy_key_at, decoy_dek))) => {
                Ok(RealSlots {
                    real_at,
                    decoy_key_at,
                    duress_slot,
                    real_dek,
                    decoy_dek,
                })
            }
            _ => Err(Error::invalid("current_pin", "is not correct")),
        }
    }

    fn rewrap(&self, keys: &mut KeysFile, kek: &Key256, duress_slot: Option<usize>) {
        keys.put_slot(
            self.real_at,
            kek,
            &Slot {
                role: Role::Real { duress_slot },
                dek: self.real_dek.clone(),
            },
        );
    }
}

fn duress_slot_for(duress: &DuressOptions, decoy_dek: &Key256) -> Slot {
    Slot {
        role: Role::Duress {
            behaviour: duress.behaviour,
            shred_real: duress.shred_real,
        },
        dek: decoy_dek.clone(),
    }
}

fn is_nothing_here(role: Role) -> bool {
    matches!(
        role,
        Role::Duress {
            behaviour: DuressBehaviour::NothingHere,
            ..
        }
    )
}

/// A duress PIN asking for it silently destroys the key to the real vault: every other slot is
/// the real PIN's or random, so all are re-randomized.
fn shred_if_asked(keys: &mut KeysFile, opened: &[(usize, Slot)]) {
    let shred_at = opened.iter().find_map(|(i, s)| match s.role {
        Role::Duress {
            shred_real: true, ..
        } => Some(*i),
        _ => None,
    });
    if let Some(index) = shred_at {
        for other in (0..SLOT_COUNT).filter(|i| *i != index) {
            keys.clear_slot(other);
        }
    }
}

/// Decides what an unlock opens: the real vault for the real PIN, the decoy for a duress PIN
/// set to open it, nothing otherwise.
fn choose_target(opened: Vec<(usize, Slot)>) -> Option<(Db, Key256)> {
    let (_, slot) = opened
        .into_iter()
        .min_by_key(|(_, s)| !matches!(s.role, Role::Real { .. }))?;
    match slot.role {
        Role::Real { .. } => Some((Db::Real, slot.dek)),
        Role::Duress {
            behaviour: DuressBehaviour::OpenDecoy,
            ..
        } => Some((Db::Decoy, slot.dek)),
        _ => None,
    }
}

/// A PIN nobody knows, for setup's second derivation when there is no duress PIN.
fn throwaway_pin() -> Pin {
    let mut bytes = [0u8; 12];
    fill_random(&mut bytes);
    let digits: String = bytes.iter().map(|b| char::from(b'0' + b % 10)).collect();
    bytes.fill(0);
    #[allow(clippy::expect_used)]
    Pin::new(digits, "pin").expect("twelve digits are a valid PIN")
}

fn validate_wipe_after(after: Option<u32>) -> Result<u32> {
    match after {
        None => Ok(0),
        Some(n) if WIPE_AFTER_RANGE.contains(&n) => Ok(n),
        Some(_) => Err(Error::invalid(
            "wipe_after_failures",
            format!(
                "must be between {} and {}",
                WIPE_AFTER_RANGE.start(),
                WIPE_AFTER_RANGE.end()
            ),
        )),
    }
}
