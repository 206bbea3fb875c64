//! `Session`: an open vault, the one door to the survivor's data.
//!
//! Every method fails with `HavenError.Locked` once the session is closed (quick exit, lock,
//! wipe, another unlock). Closing the foreign handle (`close()` in Kotlin, releasing it in
//! Swift) frees the handle but does not lock the vault: call `Haven.quick_exit` for that.

use crate::error::{guard, guard_infallible, Result};
use crate::haven::DuressSettings;
use crate::live::{Live, LiveKind};
use haven_core::{Locale, Note, Pin, SpaceKind};
use std::fmt;
use std::sync::Arc;

/// An open vault: the real one (`space()` is `Full`), or the decoy, a plain notes space
/// (`Notes`) that the shell renders as an ordinary notes app. In the decoy every call but the
/// notes, the language, `verify_pin` and `change_pin` fails with `WrongSpace`.
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

    /// Which space this is: render the full app for `Full`, a plain notes app for `Notes`.
    pub fn space(&self) -> SpaceKind {
        guard_infallible(|| self.inner.space())
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
    /// settings), throttled and counted exactly like an unlock. Only the PIN that opened this
    /// session passes; a wrong PIN (or any other vault's) is `InvalidInput { field: "pin" }`,
    /// too many is `Throttled`. Slow.
    pub fn verify_pin(&self, pin: String) -> Result<()> {
        guard(|| Ok(self.inner.verify_pin(&Pin::new(pin, "pin")?)?))
    }

    /// Changes the PIN that opened this session (only the key slots are re-wrapped). A PIN that
    /// is too easy to guess is `InvalidInput { field: "new_pin", reason: "is too easy to guess" }`
    /// (see `pin_is_weak`). Slow.
    pub fn change_pin(&self, current: String, new_pin: String) -> Result<()> {
        guard(|| {
            let current = Pin::new(current, "current_pin")?;
            let new_pin = Pin::new(new_pin, "new_pin")?;
            Ok(self.inner.change_pin(&current, &new_pin)?)
        })
    }

    /// Sets or replaces the duress PIN and what it does (real vault only). A weak duress PIN is
    /// refused like a weak PIN. Slow (two derivations).
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

    /// From the real vault: opens the decoy's notes space (asks the real PIN again), so she can
    /// fill it with ordinary notes of her own. Closed by `quick_exit`/`lock` like any session.
    /// Slow.
    pub fn decoy_notes(&self, pin: String) -> Result<Arc<Session>> {
        guard(|| {
            let pin = Pin::new(pin, "pin")?;
            Ok(Session::wrap(self.inner.decoy_notes(&pin)?))
        })
    }
}

/// The notes space (the decoy): a plain list of notes. Fails with `WrongSpace` in the real
/// vault.
#[uniffi::export]
impl Session {
    /// Every note, the most recently changed first.
    pub fn list_notes(&self) -> Result<Vec<Note>> {
        guard(|| Ok(self.inner.list_notes()?))
    }

    /// Adds a note (1 to 10,000 characters, not blank: else `InvalidInput { field: "text" }`).
    pub fn add_note(&self, text: String) -> Result<Note> {
        guard(|| Ok(self.inner.add_note(&text)?))
    }

    /// Replaces a note's text.
    pub fn update_note(&self, id: i64, text: String) -> Result<Note> {
        guard(|| Ok(self.inner.update_note(id, &text)?))
    }

    /// Deletes a note.
    pub fn delete_note(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.delete_note(id)?))
    }
}
