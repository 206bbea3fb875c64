//! The vault and its lock state machine.
//!
//! ```text
//! NotSetUp ──setup──▶ Unlocked(session) ──lock / quick_exit──▶ Locked ──unlock(real PIN)──▶ Unlocked
//!                                                                 │  ▲
//!                                          5+ wrong PINs ──▶ LockedOut{until} ──time passes──┘
//! any state ──wipe──▶ NotSetUp
//! ```
//!
//! Every unlock attempt does the same work whatever the PIN: read the keys file, count the
//! attempt and write the keys file, one Argon2id derivation, try every slot, write the keys file
//! again. Only then does a real PIN open `a.db`, or a duress PIN (with "open decoy") open
//! `b.db`. A wrong PIN and a duress PIN set to "nothing here" are indistinguishable.
//!
//! Files in the data directory are always `k`, `a.db` and `b.db` (plus SQLite's `-wal`/`-shm`
//! while open), whether or not a duress PIN exists.

use crate::db;
use crate::error::{Error, Result};
use crate::fsutil;
use crate::kdf::{derive_kek, random_bytes, KdfParams, Key256};
use crate::keyfile::{Db, DuressBehaviour, KeysFile, Role, Slot, SLOT_COUNT};
use crate::locale::Locale;
use crate::pin::Pin;
use crate::protector::{KeyProtector, ProtectorError};
use crate::session::Session;
use crate::throttle::{delay_after, Clock, SystemClock};
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

/// How a vault is built: the Argon2id cost and the clock.
#[derive(Debug, Clone)]
pub struct VaultOptions {
    kdf: KdfParams,
    clock: Arc<dyn Clock>,
}

impl Default for VaultOptions {
    fn default() -> Self {
        VaultOptions {
            kdf: KdfParams::PRODUCTION,
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
        VaultOptions {
            kdf: KdfParams::INSECURE_FOR_TESTS,
            clock,
        }
    }

    /// Explicit parameters (benchmarks). Values below the production floor are for tests only.
    pub fn with_kdf(kdf: KdfParams, clock: Arc<dyn Clock>) -> Self {
        VaultOptions { kdf, clock }
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
    /// The open session, closed by `lock` and `wipe`.
    current: Mutex<Option<Session>>,
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
        std::fs::create_dir_all(&dir).map_err(Error::io("create the data directory"))?;
        let vault = Vault {
            inner: Arc::new(VaultInner {
                dir,
                protector,
                options,
                ops: Mutex::new(()),
                current: Mutex::new(None),
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
        self.inner.close_current();
        self.inner.unlock(pin)
    }

    /// Closes the open session, if any, and forgets its keys. Instant and idempotent: call it
    /// on every exit gesture and whenever the app leaves the foreground. Does not wait for
    /// another operation: a running query is interrupted.
    pub fn lock(&self) {
        self.inner.close_current();
    }

    /// Destroys the vault: first the keys (crypto-shred: the keys file, then the protector's
    /// platform key), then the databases. Completes on the next start if interrupted.
    pub fn wipe(&self) -> Result<()> {
        self.inner.close_current();
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
        lock_ignoring_poison(&self.current)
            .as_ref()
            .filter(|s| s.is_open())
            .cloned()
    }

    fn close_current(&self) {
        if let Some(session) = lock_ignoring_poison(&self.current).take() {
            session.close();
        }
    }

    fn open_session(self: &Arc<Self>, db: Db, dek: &Key256, create: bool) -> Result<Session> {
        let conn = db::open(&self.db_path(db), dek, create)?;
        let session = Session::new(conn, db, Arc::clone(self));
        *lock_ignoring_poison(&self.current) = Some(session.clone());
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
        KeysFile::load(&self.keys_path(), self.protector.as_ref())
    }

    pub(crate) fn store_keys(&self, keys: &KeysFile) -> Result<()> {
        keys.store(&self.keys_path(), self.protector.as_ref())
    }

    fn lockout(&self, keys: &KeysFile) -> Option<DateTime<Utc>> {
        let until = DateTime::from_timestamp(keys.locked_until, 0)?;
        (until > self.options.clock.now()).then_some(until)
    }

    fn setup(self: &Arc<Self>, options: SetupOptions) -> Result<Session> {
        if self.keys_path().exists() && !self.wipe_in_progress() {
            return Err(Error::AlreadySetUp);
        }
        if let Some(duress) = &options.duress {
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
            crate::seed::seed_new_vault(&mut decoy, options.locale)?;
        }
        let mut real = db::open(&self.db_path(Db::Real), &real_dek, true)?;
        crate::seed::seed_new_vault(&mut real, options.locale)?;
        drop(real);

        let mut keys = KeysFile::new(self.options.kdf);
        keys.wipe_after = wipe_after;
        let [real_at, decoy_key_at, duress_at, _spare] = KeysFile::shuffled_positions();
        let kek = derive_kek(&keys.params, &options.pin, &keys.salt)?;
        let mut duress_slot = None;
        if let Some(duress) = &options.duress {
            let duress_kek = derive_kek(&keys.params, &duress.pin, &keys.salt)?;
            keys.put_slot(duress_at, &duress_kek, &duress_slot_for(duress, &decoy_dek));
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
        self.open_session(Db::Real, &real_dek, false)
    }

    fn unlock(self: &Arc<Self>, pin: &Pin) -> Result<UnlockOutcome> {
        let mut keys = self.load_keys()?;
        if let Some(until) = self.lockout(&keys) {
            return Ok(UnlockOutcome::Throttled { until });
        }
        // Count the attempt before deriving, so killing the app mid-attempt earns no free guess.
        let now = self.options.clock.now();
        keys.failures = keys.failures.saturating_add(1);
        keys.locked_until = deadline(now, keys.failures);
        self.store_keys(&keys)?;

        let kek = derive_kek(&keys.params, pin, &keys.salt)?;
        let opened = keys.open_slots(&kek);
        let target = choose_target(&mut keys, opened);
        if target.is_some() {
            keys.failures = 0;
            keys.locked_until = 0;
        } else if keys.wipe_after > 0 && keys.failures >= keys.wipe_after {
            self.wipe()?;
            return Ok(UnlockOutcome::NotOpened);
        }
        // Always the second write, so every outcome touches the same file the same way.
        self.store_keys(&keys)?;
        match target {
            Some((db, dek)) => Ok(UnlockOutcome::Opened(self.open_session(db, &dek, false)?)),
            None => Ok(UnlockOutcome::NotOpened),
        }
    }

    /// Opens the slots `pin` unlocks, or fails with an invalid-input error on `field`.
    fn slots_for(
        &self,
        keys: &KeysFile,
        pin: &Pin,
        field: &'static str,
    ) -> Result<Vec<(usize, Slot)>> {
        let kek = derive_kek(&keys.params, pin, &keys.salt)?;
        let opened = keys.open_slots(&kek);
        if opened.is_empty() {
            return Err(Error::invalid(field, "is not correct"));
        }
        Ok(opened)
    }

    /// Checks a PIN asked for again before a sensitive action (MASVS AUTH-3). It must open the
    /// database of the session asking.
    pub(crate) fn verify_pin(&self, pin: &Pin, db: Db) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        let keys = self.load_keys()?;
        let slots = self.slots_for(&keys, pin, "pin")?;
        if slots.iter().any(|(_, s)| s.db() == db) {
            Ok(())
        } else {
            Err(Error::invalid("pin", "is not correct"))
        }
    }

    /// Re-wraps every slot `current` opens under `new`. No database is re-keyed.
    pub(crate) fn change_pin(&self, current: &Pin, new: &Pin) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        if current == new {
            return Err(Error::invalid(
                "new_pin",
                "must differ from the current PIN",
            ));
        }
        let mut keys = self.load_keys()?;
        let slots = self.slots_for(&keys, current, "current_pin")?;
        let new_kek = derive_kek(&keys.params, new, &keys.salt)?;
        if !keys.open_slots(&new_kek).is_empty() {
            return Err(Error::invalid("new_pin", "is already in use"));
        }
        for (index, slot) in &slots {
            keys.put_slot(*index, &new_kek, slot);
        }
        self.store_keys(&keys)
    }

    /// Sets (or replaces) the duress PIN. Only the real PIN may do this.
    pub(crate) fn set_duress(&self, current: &Pin, duress: &DuressOptions) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        if duress.pin == *current {
            return Err(Error::invalid("duress_pin", "must differ from the PIN"));
        }
        let mut keys = self.load_keys()?;
        let kek = derive_kek(&keys.params, current, &keys.salt)?;
        let real = RealSlots::find(keys.open_slots(&kek))?;
        let duress_kek = derive_kek(&keys.params, &duress.pin, &keys.salt)?;
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
        let mut keys = self.load_keys()?;
        let kek = derive_kek(&keys.params, current, &keys.salt)?;
        let real = RealSlots::find(keys.open_slots(&kek))?;
        if let Some(index) = real.duress_slot {
            keys.clear_slot(index);
        }
        real.rewrap(&mut keys, &kek, None);
        self.store_keys(&keys)
    }

    /// Sets the opt-in wipe after N wrong PINs. Only the real PIN may do this.
    pub(crate) fn set_wipe_after(&self, current: &Pin, after: Option<u32>) -> Result<()> {
        let _op = lock_ignoring_poison(&self.ops);
        let after = validate_wipe_after(after)?;
        let mut keys = self.load_keys()?;
        let kek = derive_kek(&keys.params, current, &keys.salt)?;
        RealSlots::find(keys.open_slots(&kek))?;
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

/// Decides what an unlock opens, shredding the real slots if a duress PIN asks for it.
fn choose_target(keys: &mut KeysFile, opened: Vec<(usize, Slot)>) -> Option<(Db, Key256)> {
    if let Some((_, slot)) = opened
        .iter()
        .find(|(_, s)| matches!(s.role, Role::Real { .. }))
    {
        return Some((Db::Real, slot.dek.clone()));
    }
    let (index, slot) = opened
        .into_iter()
        .find(|(_, s)| matches!(s.role, Role::Duress { .. }))?;
    let Role::Duress {
        behaviour,
        shred_real,
    } = slot.role
    else {
        return None;
    };
    if shred_real {
        // Every other slot is the real PIN's or random: re-randomize them all.
        for other in (0..SLOT_COUNT).filter(|i| *i != index) {
            keys.clear_slot(other);
        }
    }
    match behaviour {
        DuressBehaviour::OpenDecoy => Some((Db::Decoy, slot.dek)),
        DuressBehaviour::NothingHere => None,
    }
}

fn deadline(now: DateTime<Utc>, failures: u32) -> i64 {
    let delay = delay_after(failures);
    if delay.is_zero() {
        0
    } else {
        (now + delay).timestamp()
    }
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
