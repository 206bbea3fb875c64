//! Getting the journal out of the phone for an advocate, lawyer or court — and back in.
//!
//! Two forms, both asking for the PIN again first (MASVS AUTH-3: someone holding the unlocked
//! phone must not be able to walk off with everything):
//!
//! - [`report`]: a printable, self-contained HTML report of chosen entries in a chosen
//!   language, returned as a string (the shell saves or shares it; the core never writes it).
//! - [`bundle`]: an age-encrypted bundle of the whole journal with attachments and chain, and
//!   the import that verifies it.

pub mod bundle;
mod photo;
mod report;

pub use bundle::{BundlePassphrase, MAX_BUNDLE_BYTES, MIN_PASSPHRASE_CHARS};

use crate::error::{Error, Result};
use crate::journal::{self, AttachmentKind, JournalEntry};
use crate::locale::Locale;
use crate::notes::SpaceKind;
use crate::pin::Pin;
use crate::session::Session;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::io::{Read, Write};

/// Which entries a report holds.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum ReportSelection {
    /// Entries that occurred in `[from, to)`.
    Between {
        /// First instant included.
        from: DateTime<Utc>,
        /// First instant excluded.
        to: DateTime<Utc>,
    },
    /// These entries (unknown or erased ids are left out).
    Entries(Vec<i64>),
}

/// What to put in a report.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ReportRequest {
    /// Which entries.
    pub selection: ReportSelection,
    /// The report's language (may differ from the app's).
    pub locale: Locale,
    /// Include entries she hid (marked as such).
    pub include_hidden: bool,
    /// Embed a small printable copy of each photo (JPEG or PNG), captioned with the
    /// original's size and SHA-256. Off by default: the report grows by about 100–250 KB per
    /// photo, and the photos are then in a file she shares.
    #[cfg_attr(feature = "uniffi", uniffi(default = false))]
    pub embed_photos: bool,
}

/// Exports.
impl Session {
    /// A printable HTML report of the chosen entries, with every revision's hash, every
    /// attachment's size and SHA-256 and the chain head, and (if asked) small copies of the
    /// photos. Asks for the PIN again.
    pub fn export_report(&self, pin: &Pin, request: &ReportRequest) -> Result<String> {
        self.ensure_space(SpaceKind::Full)?;
        self.verify_pin(pin)?;
        let generated_at = self.now();
        self.with_conn(|c| {
            let entries: Vec<JournalEntry> = match &request.selection {
                ReportSelection::Between { from, to } => {
                    if to <= from {
                        return Err(Error::invalid("to", "must be after from"));
                    }
                    journal::list_between(c, *from, *to, request.include_hidden)?
                }
                ReportSelection::Entries(ids) => journal::list_ids(c, ids)?
                    .into_iter()
                    .filter(|e| request.include_hidden || !e.hidden)
                    .collect(),
            };
            let chain = journal::verify_in(c)?;
            let entries = entries
                .into_iter()
                .map(|entry| {
                    let mut print_copies = BTreeMap::new();
                    if request.embed_photos {
                        for a in &entry.attachments {
                            if a.kind != AttachmentKind::Photo {
                                continue;
                            }
                            let copy = if a.size > photo::MAX_INPUT_BYTES as u64 {
                                None
                            } else {
                                let mut bytes = Vec::new();
                                journal::read_attachment_to(c, a.id, &mut bytes)?;
                                photo::print_copy(&bytes)
                            };
                            print_copies.insert(a.id, copy);
                        }
                    }
                    Ok(report::ReportEntry {
                        revisions: journal::revisions(c, entry.id)?,
                        entry,
                        print_copies,
                    })
                })
                .collect::<Result<Vec<_>>>()?;
            report::render(request.locale, generated_at, &chain, &entries)
        })
    }

    /// Writes the whole journal as an encrypted bundle to `out`. Asks for the PIN again.
    /// Refuses (`Corrupt`) when the chain does not verify, as such a bundle could not be
    /// imported.
    pub fn export_bundle_to(
        &self,
        pin: &Pin,
        passphrase: &BundlePassphrase,
        out: &mut dyn Write,
    ) -> Result<()> {
        self.ensure_space(SpaceKind::Full)?;
        self.verify_pin(pin)?;
        let mut out = self.stop_on_lock(out);
        self.with_conn(|c| {
            // One read transaction: the bundle is a consistent snapshot.
            let tx = c.transaction()?;
            bundle::export(&tx, passphrase, &mut out)
        })
    }

    /// [`Session::export_bundle_to`] into memory (for the FFI).
    pub fn export_bundle(&self, pin: &Pin, passphrase: &BundlePassphrase) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        self.export_bundle_to(pin, passphrase, &mut out)?;
        Ok(out)
    }

    /// Restores a bundle into this vault's (empty) journal, all or nothing. Returns the number
    /// of entries imported. Every failure is [`Error::ImportRejected`] with a reason.
    pub fn import_bundle_from(
        &self,
        passphrase: &BundlePassphrase,
        input: &mut dyn Read,
    ) -> Result<u64> {
        let mut input = self.stop_on_lock(input);
        self.with_conn(|c| bundle::import(c, passphrase, &mut input))
    }

    /// [`Session::import_bundle_from`] from bytes in memory; the size cap is checked first.
    pub fn import_bundle(&self, passphrase: &BundlePassphrase, bytes: &[u8]) -> Result<u64> {
        if bytes.len() as u64 > MAX_BUNDLE_BYTES {
            return Err(Error::ImportRejected {
                reason: "the bundle is larger than the size limit".into(),
            });
        }
        let mut input = bytes;
        self.import_bundle_from(passphrase, &mut input)
    }
}
