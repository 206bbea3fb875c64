//! An unlocked vault: the one door to the survivor's data.
//!
//! A `Session` shares its connection with the [`Vault`](crate::Vault) that opened it, so that
//! `lock` can close it from any thread at any moment: the connection is interrupted, dropped
//! (SQLCipher wipes its key material on close), and every later call on this session fails
//! with [`Error::Locked`]. Domain modules (plan, contacts, journal, orders, directory) add their
//! methods to `Session` in their own files through [`Session::with_conn`].

use crate::error::{Error, Result};
use crate::keyfile::Db;
use crate::locale::Locale;
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

    /// Closes the session: interrupts a running query, then drops the connection.
    pub(crate) fn close(&self) {
        self.shared.open.store(false, Ordering::Release);
        self.shared.interrupt.interrupt();
        let conn = self
            .shared
            .conn
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        drop(conn);
    }

    /// Runs `f` with the connection, or fails with [`Error::Locked`] once the session is closed.
    pub(crate) fn with_conn<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        let mut guard = self.shared.conn.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_mut() {
            Some(conn) if self.is_open() => match f(conn) {
                // Closed while running: quick exit interrupted the query (SQLITE_INTERRUPT).
                // That is the session being locked, not a storage failure.
                Err(_) if !self.is_open() => Err(Error::Locked),
                other => other,
            },
            _ => Err(Error::Locked),
        }
    }

    /// Runs `f` inside one transaction: committed if `f` succeeds, rolled back otherwise, so a
    /// refused input never leaves anything half-saved.
    pub(crate) fn with_tx<T>(
        &self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        self.with_conn(|c| {
            let tx = c.transaction()?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        })
    }

    /// Now, from the vault's clock (injectable for tests).
    pub(crate) fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.shared.vault.now()
    }

    /// Whether this is the decoy vault. Internal only: nothing shown to the user may differ.
    pub(crate) fn is_decoy(&self) -> bool {
        self.shared.db == Db::Decoy
    }

    /// Checks a PIN asked for again before a sensitive action (export, wipe and duress
    /// settings: MASVS AUTH-3). Fails with an invalid-input error on `pin` if it is wrong.
    pub fn verify_pin(&self, pin: &Pin) -> Result<()> {
        self.ensure_open()?;
        self.shared.vault.verify_pin(pin, self.shared.db)
    }

    fn ensure_open(&self) -> Result<()> {
        if self.is_open() {
            Ok(())
        } else {
            Err(Error::Locked)
        }
    }

    /// Changes the PIN that opened this session. Only the key slots are re-wrapped.
    pub fn change_pin(&self, current: &Pin, new: &Pin) -> Result<()> {
        self.ensure_open()?;
        self.shared.vault.change_pin(current, new)
    }

    /// Sets or replaces the duress PIN. In the decoy this checks the PIN and changes nothing,
    /// so nothing done there can touch the real vault.
    pub fn set_duress_pin(&self, current: &Pin, duress: &DuressOptions) -> Result<()> {
        if self.is_decoy() {
            return self.verify_pin(current);
        }
        self.ensure_open()?;
        self.shared.vault.set_duress(current, duress)
    }

    /// Removes the duress PIN (inert in the decoy, as above).
    pub fn clear_duress_pin(&self, current: &Pin) -> Result<()> {
        if self.is_decoy() {
            return self.verify_pin(current);
        }
        self.ensure_open()?;
        self.shared.vault.clear_duress(current)
    }

    /// Opt-in: wipe everything after `after` consecutive wrong PINs; `None` turns it off
    /// (inert in the decoy, as above).
    pub fn set_wipe_after_failures(&self, current: &Pin, after: Option<u32>) -> Result<()> {
        if self.is_decoy() {
            return self.verify_pin(current);
        }
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
        self.with_conn(|c| {
            Ok(
                c.query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                    r.get(0)
                })
                .optional()?,
            )
        })
    }

    pub(crate) fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.with_conn(|c| {
            c.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                [key, value],
            )?;
            Ok(())
        })
    }
}
