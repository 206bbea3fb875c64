//! `Haven`: the vault in the app's data directory, and its lock state machine.

use crate::calculator::Calculator;
use crate::error::{guard, guard_infallible, install_quiet_panic_hook, Result};
use crate::live::{Live, LiveKind};
use crate::protector::{ForeignProtector, KeyProtector};
use crate::session::Session;
use crate::Timestamp;
use haven_core::{
    DuressBehaviour, DuressOptions, Locale, Pin, SetupOptions as CoreSetupOptions, Vault,
    VaultState,
};
use std::sync::Arc;

/// How a new vault is set up (everything but the PINs).
///
/// PINs never travel inside a record: the generated Kotlin `data class` and Swift `struct`
/// print all their fields (`toString`, `dump`), so a PIN in a record would end up in any log
/// line that printed it. PINs cross only as plain `String` arguments.
#[derive(uniffi::Record, Debug, Clone)]
pub struct SetupOptions {
    /// The display language; the safety plan and content are seeded in it.
    pub locale: Locale,
    /// What the duress PIN does, when `setup` is given one.
    pub duress: DuressSettings,
    /// Opt-in only: wipe everything after this many consecutive wrong PINs (5 to 50).
    #[uniffi(default = None)]
    pub wipe_after_failures: Option<u32>,
}

/// What entering the duress PIN does.
#[derive(uniffi::Record, Debug, Clone, Copy)]
pub struct DuressSettings {
    /// Behave like a wrong PIN ("nothing here", the default story), or open the decoy vault.
    pub behaviour: DuressBehaviour,
    /// Also destroy, silently, the key to the real vault.
    pub shred_real: bool,
}

impl DuressSettings {
    pub(crate) fn with_pin(self, pin: String) -> Result<DuressOptions> {
        Ok(DuressOptions {
            pin: Pin::new(pin, "duress_pin")?,
            behaviour: self.behaviour,
            shred_real: self.shred_real,
        })
    }
}

/// What an unlock attempt led to. A duress PIN leads to `Opened` (the decoy) or `NotOpened`
/// ("nothing here"): by design nobody, the shell included, can tell these from a real or a wrong
/// PIN. Show the calculator's result for `NotOpened` and `Throttled` alike.
#[derive(uniffi::Enum, Debug)]
pub enum UnlockResult {
    /// A vault is open.
    Opened { session: Arc<Session> },
    /// Nothing opened.
    NotOpened,
    /// The attempt was not tried (nor counted), because of earlier wrong PINs.
    Throttled { until: Timestamp },
}

impl From<haven_core::UnlockOutcome> for UnlockResult {
    fn from(outcome: haven_core::UnlockOutcome) -> Self {
        match outcome {
            haven_core::UnlockOutcome::Opened(session) => UnlockResult::Opened {
                session: Session::wrap(session),
            },
            haven_core::UnlockOutcome::NotOpened => UnlockResult::NotOpened,
            haven_core::UnlockOutcome::Throttled { until } => UnlockResult::Throttled { until },
        }
    }
}

/// The vault in the app's private data directory. Create one per process and share it; every
/// method may be called from any thread.
///
/// **Slow calls** (one Argon2id derivation each, 0.3–1 s on a phone, run them off the UI
/// thread): `setup`, `unlock`, `unlock_with_calculator`, and `Session`'s `verify_pin`,
/// `change_pin`, `set_duress_pin`, `clear_duress_pin`, `set_wipe_after_failures`.
/// `wipe` does file I/O and should also run off the UI thread. `quick_exit` and `lock` are
/// instant and may run anywhere.
#[derive(uniffi::Object)]
pub struct Haven {
    vault: Vault,
    _live: Live,
}

impl std::fmt::Debug for Haven {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Haven")
    }
}

impl Haven {
    fn open(vault: impl FnOnce() -> haven_core::Result<Vault>) -> Result<Arc<Haven>> {
        install_quiet_panic_hook();
        guard(|| {
            Ok(Arc::new(Haven {
                vault: vault()?,
                _live: Live::new(LiveKind::Haven),
            }))
        })
    }
}

#[uniffi::export]
impl Haven {
    /// Opens the vault in `data_dir` (app-private storage; created if needed), sealed by the
    /// platform `protector`. Completes a wipe that a crash interrupted. Production settings:
    /// Argon2id with 64 MiB and 3 passes.
    #[uniffi::constructor]
    pub fn new(data_dir: String, protector: Arc<dyn KeyProtector>) -> Result<Arc<Haven>> {
        Haven::open(|| Vault::new(data_dir, Arc::new(ForeignProtector(protector))))
    }

    /// Where the vault is in its life: not set up, locked, locked out until a time, unlocked.
    pub fn state(&self) -> Result<VaultState> {
        guard(|| Ok(self.vault.state()?))
    }

    /// Creates every file of a new vault and opens it. `pin` is the real PIN (6–12 digits, not
    /// weak: see `pin_is_weak`); `duress_pin`, if given, must differ from it and acts as
    /// `options.duress` says. Slow (two Argon2id derivations, with or without a duress PIN):
    /// off the UI thread.
    pub fn setup(
        &self,
        pin: String,
        duress_pin: Option<String>,
        options: SetupOptions,
    ) -> Result<Arc<Session>> {
        guard(|| {
            let options = CoreSetupOptions {
                pin: Pin::new(pin, "pin")?,
                duress: duress_pin
                    .map(|duress_pin| options.duress.with_pin(duress_pin))
                    .transpose()?,
                locale: options.locale,
                wipe_after_failures: options.wipe_after_failures,
            };
            Ok(Session::wrap(self.vault.setup(options)?))
        })
    }

    /// Tries a PIN typed somewhere other than the calculator. Closes any open session first.
    /// Slow (one Argon2id derivation, whatever the PIN): off the UI thread.
    pub fn unlock(&self, pin: String) -> Result<UnlockResult> {
        guard(|| {
            let pin = Pin::new(pin, "pin")?;
            Ok(self.vault.unlock(&pin)?.into())
        })
    }

    /// Tries the PIN candidate the calculator is holding (after `=` on 6–12 digits, when
    /// `CalcScreen.unlock_candidate` was true), and forgets it. The digits never cross the FFI.
    /// Without a candidate nothing is tried and the result is `NotOpened`. Slow: off the UI
    /// thread.
    pub fn unlock_with_calculator(&self, calculator: Arc<Calculator>) -> Result<UnlockResult> {
        guard(|| {
            let Some(candidate) = calculator.take_candidate() else {
                return Ok(UnlockResult::NotOpened);
            };
            let pin = Pin::new(candidate.digits().to_owned(), "pin")?;
            drop(candidate);
            Ok(self.vault.unlock(&pin)?.into())
        })
    }

    /// The session open now, if any: another handle to it, e.g. for a screen that was
    /// recreated while the vault stayed open. `None` when locked.
    pub fn current_session(&self) -> Option<Arc<Session>> {
        guard_infallible(|| self.vault.current_session().map(Session::wrap))
    }

    /// The exit gesture: closes every session and forgets its keys. Instant, idempotent, safe
    /// from any thread at any moment; it never waits: a running call (a streamed attachment, an
    /// export, a pack install, a PIN change) stops at its next step, rolls back and fails with
    /// `Locked`. Hide the screen first, then call this. Call it on every exit gesture
    /// and whenever the app leaves the foreground; every later call on the session fails with
    /// `HavenError.Locked`.
    pub fn quick_exit(&self) {
        guard_infallible(|| self.vault.lock())
    }

    /// Closes the session (same as `quick_exit`, for an ordinary "lock" button).
    pub fn lock(&self) {
        guard_infallible(|| self.vault.lock())
    }

    /// Destroys the vault: first the keys (the keys file, then the platform key through the
    /// protector's `destroy`), then the databases. Completes on the next start if interrupted.
    /// Afterwards the state is `NotSetUp`. File I/O: off the UI thread.
    pub fn wipe(&self) -> Result<()> {
        guard(|| Ok(self.vault.wipe()?))
    }
}

/// Whether `pin` is too easy to guess (`000000`, `123456`, `121212`, `987654`, the most common
/// PINs…). Setup, `change_pin` and `set_duress_pin` refuse such PINs with `InvalidInput`
/// (reason "is too easy to guess"); shells call this to warn as she types. One rule for both
/// shells. A string that is not 6–12 digits is not weak (it is invalid, which setup says).
#[uniffi::export]
pub fn pin_is_weak(pin: String) -> bool {
    guard_infallible(|| Pin::new(pin, "pin").is_ok_and(|p| p.is_weak()))
}

// Never compiled for a phone, whatever the features: the binding tests run on Linux.
#[cfg(all(
    feature = "insecure-test-kdf",
    not(any(target_os = "android", target_os = "ios"))
))]
#[uniffi::export]
impl Haven {
    /// FOR TESTS ONLY, NEVER IN AN APP: a vault whose PIN derivation is nearly free, so that a
    /// copy of its files can be brute-forced in seconds. Exists so binding tests run fast;
    /// absent from every Android and iOS build (the target is checked, not only the
    /// `insecure-test-kdf` feature).
    #[uniffi::constructor]
    pub fn new_insecure_for_tests(
        data_dir: String,
        protector: Arc<dyn KeyProtector>,
    ) -> Result<Arc<Haven>> {
        let options = haven_core::VaultOptions::insecure_fast_kdf_for_tests(Arc::new(
            haven_core::SystemClock,
        ));
        Haven::open(|| {
            Vault::with_options(data_dir, Arc::new(ForeignProtector(protector)), options)
        })
    }
}
