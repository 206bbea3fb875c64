//! An unlocked vault: the one door to the survivor's data.
//!
//! A `Session` shares its connection with the [`Vault`](crate::Vault) that opened it, so that
//! `lock` can close it from any thread at any moment: the connection is interrupted, dropped
//! (SQLCipher wipes its key material on close), and every later call on this session fails
//! with [`Error::Locked`]. Domain modules (plan, contacts, journal, orders, directory) add their
//! methods to `Session` in their own files through [`Session::with_conn`], which serves only the
//! real vault ([`SpaceKind::Full`]); the decoy's notes go through `with_notes_conn`. A call made
//! in the wrong space fails with [`Error::WrongSpace`] before it touches anything.
//!
//! `lock` never waits: [`Session::close`] marks the session closed, interrupts SQLite, and takes
//! the connection only if nobody is using it. A call that is running notices at its next step
//! (the interrupt, a chunk of a stream, the check before a commit), rolls back, and drops the
//! connection itself.

use crate::error::{Error, Result};
use crate::keyfile::Db;
use crate::locale::Locale;
use crate::notes::SpaceKind;
use crate::pin::Pin;
use crate::vault::{DuressOptions, VaultInner};
use rusqlite::{Connection, InterruptHandle, OptionalExtension};
use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// An open vault. Clones share the same connection.
#[derive(Clone)]
pub struct Session {
    shared: Arc<Shared>,
}

struct Shared {
    conn: Mutex<Option<Connection>>,
    interrupt: InterruptHandle,
    open: AtomicBool,
    db: Db,
    vault: Arc<VaultInner>,
}

/// See [`Session::stop_on_lock`].
pub(crate) struct StopOnLock<'a, T: ?Sized> {
    session: &'a Session,
    inner: &'a mut T,
}

impl<T: ?Sized> StopOnLock<'_, T> {
    fn check(&self) -> std::io::Result<()> {
        if self.session.is_open() {
            Ok(())
        } else {
            Err(std::io::Error::other("the vault was locked"))
        }
    }
}

impl<T: std::io::Read + ?Sized> std::io::Read for StopOnLock<'_, T> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.check()?;
        self.inner.read(buf)
    }
}

impl<T: std::io::Write + ?Sized> std::io::Write for StopOnLock<'_, T> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.check()?;
        self.inner.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.check()?;
        self.inner.flush()
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("open", &self.is_open())
            .finish()
    }
}

impl Session {
    pub(crate) fn new(conn: Connection, db: Db, vault: Arc<VaultInner>) -> Session {
        Session {
            shared: Arc::new(Shared {
                interrupt: conn.get_interrupt_handle(),
                conn: Mutex::new(Some(conn)),
                open: AtomicBool::new(true),
                db,
                vault,
            }),
        }
    }

    /// Whether the session can still be used.
    pub fn is_open(&self) -> bool {
        self.shared.open.load(Ordering::Acquire)
    }

    /// Which kind of space this session is: the real vault, or the decoy's notes.
    pub fn space(&self) -> SpaceKind {
        match self.shared.db {
            Db::Real => SpaceKind::Full,
            Db::Decoy => SpaceKind::Notes,
        }
    }

    /// Closes the session without ever waiting: marks it closed (every later call fails with
    /// [`Error::Locked`]), interrupts a running query, and closes the connection now if it is
    /// idle. If a call holds it, that call closes it at its next step (see the module docs).
    pub(crate) fn close(&self) {
        self.shared.open.store(false, Ordering::Release);
        self.shared.interrupt.interrupt();
        let conn = match self.shared.conn.try_lock() {
            Ok(mut guard) => guard.take(),
            Err(std::sync::TryLockError::Poisoned(e)) => e.into_inner().take(),
            Err(std::sync::TryLockError::WouldBlock) => None,
        };
        if let Some(conn) = conn {
            crate::db::close(conn);
        }
    }

    /// Runs `f` with the connection of the real vault, or fails with [`Error::Locked`] once the
    /// session is closed and [`Error::WrongSpace`] in the decoy.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        self.ensure_space(SpaceKind::Full)?;
        self.with_any_conn(f)
    }

    /// As [`with_conn`](Self::with_conn), for the notes space only.
    pub(crate) fn with_notes_conn<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        self.ensure_space(SpaceKind::Notes)?;
        self.with_any_conn(f)
    }

    /// Fails with [`Error::WrongSpace`] unless this session is `space`.
    pub(crate) fn ensure_space(&self, space: SpaceKind) -> Result<()> {
        if self.space() == space {
            Ok(())
        } else {
            Err(Error::WrongSpace)
        }
    }

    /// Runs `f` with the connection, in either space (settings).
    pub(crate) fn with_any_conn<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.shared.conn.lock().unwrap_or_else(|e| e.into_inner());
        if !self.is_open() {
            // Locked while this call waited for the connection: close it for the lock.
            if let Some(conn) = guard.take() {
                crate::db::close(conn);
            }
            return Err(Error::Locked);
        }
        let Some(conn) = guard.as_mut() else {
            return Err(Error::Locked);
        };
        let result = f(conn);
        if self.is_open() {
            return result;
        }
        // Locked while running: quick exit interrupted the query (SQLITE_INTERRUPT) or the call
        // stopped at its next step. That is the session being locked, not a storage failure;
        // the lock left the connection for this call to close.
        if let Some(conn) = guard.take() {
            crate::db::close(conn);
        }
        Err(Error::Locked)
    }

    /// Wraps a stream so that it fails at its next chunk once the session is locked: a long
    /// streamed operation (an attachment from the camera pipe, an export, an import) then stops
    /// and rolls back instead of running to the end.
    pub(crate) fn stop_on_lock<'a, T: ?Sized>(&'a self, inner: &'a mut T) -> StopOnLock<'a, T> {
        StopOnLock {
            session: self,
            inner,
        }
    }

    /// Runs `f` inside one transaction: committed if `f` succeeds and the session is still
    /// open, rolled back otherwise, so a refused input or a lock never leaves anything
    /// half-saved.
    pub(crate) fn with_tx<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.with_conn(|c| {
            let tx = c.transaction()?;
            let value = f(&tx)?;
            self.ensure_open()?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// Now, from the vault's clock (injectable for tests).
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.shared.vault.now()
    }

    /// Checks a PIN asked for again before a sensitive action (export, wipe and duress
    /// settings: MASVS AUTH-3), through the same throttled door as unlock. Only the PIN that
    /// opened this session passes; anything else fails with an invalid-input error on `pin`
    /// (the same for a wrong PIN and for another vault's PIN), or [`Error::Throttled`].
    pub fn verify_pin(&self, pin: &Pin) -> Result<()> {
        self.ensure_open()?;
        self.shared.vault.verify_pin(pin, self.shared.db)
    }

    /// From the real vault: opens the decoy's notes space, so she can fill it with ordinary
    /// notes of her own (asks the real PIN again). The returned session is closed by `lock`
    /// like any other.
    pub fn decoy_notes(&self, pin: &Pin) -> Result<Session> {
        self.ensure_space(SpaceKind::Full)?;
        self.ensure_open()?;
        self.shared.vault.open_decoy_notes(pin)
    }

    fn ensure_open(&self) -> Result<()> {
        if self.is_open() {
            Ok(())
        } else {
            Err(Error::Locked)
        }
    }

    /// Changes the PIN that opened this session. Only the key slots are re-wrapped. Weak PINs
    /// are refused. In the decoy this changes the duress PIN, and never answers that the new
    /// PIN is taken (that would tell him another PIN exists).
    pub fn change_pin(&self, current: &Pin, new: &Pin) -> Result<()> {
        self.ensure_open()?;
        self.shared
            .vault
            .change_pin(current, new, self.shared.db, &|| self.is_open())
    }

    /// Sets or replaces the duress PIN (real vault only: a notes space has no such setting).
    pub fn set_duress_pin(&self, current: &Pin, duress: &DuressOptions) -> Result<()> {
        self.ensure_space(SpaceKind::Full)?;
        self.ensure_open()?;
        self.shared.vault.set_duress(current, duress)
    }

    /// Removes the duress PIN (real vault only).
    pub fn clear_duress_pin(&self, current: &Pin) -> Result<()> {
        self.ensure_space(SpaceKind::Full)?;
        self.ensure_open()?;
        self.shared.vault.clear_duress(current)
    }

    /// The opt-in "wipe after N wrong PINs" setting, `None` when off (real vault only: the
    /// settings screen shows it).
    pub fn wipe_after_failures(&self) -> Result<Option<u32>> {
        self.ensure_space(SpaceKind::Full)?;
        self.ensure_open()?;
        self.shared.vault.wipe_after()
    }

    /// Opt-in: wipe everything after `after` consecutive wrong PINs; `None` turns it off (real
    /// vault only).
    pub fn set_wipe_after_failures(&self, current: &Pin, after: Option<u32>) -> Result<()> {
        self.ensure_space(SpaceKind::Full)?;
        self.ensure_open()?;
        self.shared.vault.set_wipe_after(current, after)
    }

    /// The display language.
    pub fn locale(&self) -> Result<Locale> {
        match self.setting("locale")? {
            Some(tag) => tag.parse(),
            None => Ok(Locale::En),
        }
    }

    /// Changes the display language. Her own entries are kept as she wrote them; guidance and
    /// suggestions are shown in the new language.
    pub fn set_locale(&self, locale: Locale) -> Result<()> {
        self.set_setting("locale", locale.tag())
    }

    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>> {
        self.with_any_conn(|c| {
            Ok(
                c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    pub(crate) fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.with_any_conn(|c| crate::seed::put_setting(c, key, value))
    }
}
