//! `Session`: an open vault, the one door to the survivor's data.
//!
//! Every method fails with `HavenError.Locked` once the session is closed (quick exit, lock,
//! wipe, another unlock). Closing the foreign handle (`close()` in Kotlin, releasing it in
//! Swift) frees the handle but does not lock the vault: call `Haven.quick_exit` for that.

use crate::error::{guard, guard_infallible, Result};
use crate::haven::DuressSettings;
use crate::live::{Live, LiveKind};
use haven_core::{Locale, Pin};
use std::fmt;
use std::sync::Arc;

/// An open vault (the real one, or the decoy: nothing here tells them apart).
#[derive(uniffi::Object)]
pub struct Session {
    pub(crate) inner: haven_core::Session,
    _live: Live,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.inner.fmt(f)
    }
}

impl Session {
    pub(crate) fn wrap(inner: haven_core::Session) -> Arc<Session> {
        Arc::new(Session {
            inner,
            _live: Live::new(LiveKind::Session),
        })
    }
}

/// The vault's own settings and PINs. The PIN-taking calls ask for the current PIN again
/// (MASVS AUTH-3) and are slow (Argon2id): off the UI thread.
#[uniffi::export]
impl Session {
    /// Whether the session can still be used (false after quick exit, lock, wipe).
    pub fn is_open(&self) -> bool {
        guard_infallible(|| self.inner.is_open())
    }

    /// The display language.
    pub fn locale(&self) -> Result<Locale> {
        guard(|| Ok(self.inner.locale()?))
    }

    /// Changes the display language. Her own entries stay as she wrote them.
    pub fn set_locale(&self, locale: Locale) -> Result<()> {
        guard(|| Ok(self.inner.set_locale(locale)?))
    }

    /// Checks the PIN asked for again before a sensitive action (export, wipe and duress
    /// settings). A wrong PIN is `InvalidInput { field: "pin" }`. Slow.
    pub fn verify_pin(&self, pin: String) -> Result<()> {
        guard(|| Ok(self.inner.verify_pin(&Pin::new(pin, "pin")?)?))
    }

    /// Changes the PIN that opened this session (only the key slots are re-wrapped). Slow.
    pub fn change_pin(&self, current: String, new_pin: String) -> Result<()> {
        guard(|| {
            let current = Pin::new(current, "current_pin")?;
            let new_pin = Pin::new(new_pin, "new_pin")?;
            Ok(self.inner.change_pin(&current, &new_pin)?)
        })
    }

    /// Sets or replaces the duress PIN and what it does. Slow (two derivations).
    pub fn set_duress_pin(
        &self,
        current: String,
        duress_pin: String,
        settings: DuressSettings,
    ) -> Result<()> {
        guard(|| {
            let current = Pin::new(current, "current_pin")?;
            let duress = settings.with_pin(duress_pin)?;
            Ok(self.inner.set_duress_pin(&current, &duress)?)
        })
    }

    /// Removes the duress PIN. Slow.
    pub fn clear_duress_pin(&self, current: String) -> Result<()> {
        guard(|| {
            Ok(self
                .inner
                .clear_duress_pin(&Pin::new(current, "current_pin")?)?)
        })
    }

    /// Opt-in: wipe everything after `after` (5 to 50) consecutive wrong PINs; `None` turns it
    /// off. Slow.
    pub fn set_wipe_after_failures(&self, current: String, after: Option<u32>) -> Result<()> {
        guard(|| {
            let current = Pin::new(current, "current_pin")?;
            Ok(self.inner.set_wipe_after_failures(&current, after)?)
        })
    }
}
