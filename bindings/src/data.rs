//! The survivor's data, on [`Session`]: safety plan, trusted contacts, incident journal with
//! attachments and its evidence chain, protection orders, danger signs and rights, export and
//! import. Each method forwards to `haven_core::Session`; the records are the core's own
//! (derived behind its `uniffi` feature). Every method fails with `Locked` once the session is
//! closed.
//!
//! Slow calls (run them off the UI thread): `export_report`, `export_bundle`,
//! `export_bundle_to` (each asks for the PIN again: Argon2id; the bundle also runs scrypt and
//! streams the whole journal), `import_bundle`, `import_bundle_from`, and attachments of
//! several MB. The rest are single SQLite transactions (milliseconds), still best kept off the
//! UI thread as shells do with any disk access.
//!
//! Large attachments and bundles: prefer the streaming calls (`add_attachment_stream`,
//! `read_attachment_to`, `export_bundle_to`, `import_bundle_from`), which move 64 KiB chunks
//! through a [`ByteSource`] / [`ByteSink`] instead of one `Vec<u8>` holding everything on both
//! sides of the FFI.

use crate::error::{guard, Result};
use crate::session::Session;
use crate::streams::{ByteSink, ByteSource, SinkWriter, SourceReader};
use haven_core::content::{DangerSigns, RightsStatement};
use haven_core::{
    AttachmentDraft, AttachmentInfo, BundlePassphrase, ChainStatus, Contact, ContactDraft,
    EntryDraft, JournalEntry, LocalDate, OrderDraft, OrderStanding, PlanItem, PlanSection,
    ProtectionOrder, ReportRequest, RevisionInfo, Timestamp,
};
use std::io::{BufWriter, Write};
use std::sync::Arc;

const CHUNK: usize = 64 * 1024;

fn io_error(op: &str, e: std::io::Error) -> crate::HavenError {
    crate::HavenError::Io {
        op: op.to_owned(),
        kind: format!("{:?}", e.kind()),
    }
}

/// Safety plan.
#[uniffi::export]
impl Session {
    /// Every section of the safety plan, in order, in the current language.
    pub fn plan(&self) -> Result<Vec<PlanSection>> {
        guard(|| Ok(self.inner.plan()?))
    }

    /// One section.
    pub fn plan_section(&self, section_id: String) -> Result<PlanSection> {
        guard(|| Ok(self.inner.plan_section(&section_id)?))
    }

    /// Adds her own item to a section.
    pub fn add_plan_item(&self, section_id: String, text: String) -> Result<PlanItem> {
        guard(|| Ok(self.inner.add_plan_item(&section_id, &text)?))
    }

    /// Rewrites an item in her own words.
    pub fn edit_plan_item(&self, item_id: i64, text: String) -> Result<PlanItem> {
        guard(|| Ok(self.inner.edit_plan_item(item_id, &text)?))
    }

    /// Takes a suggested item into her plan.
    pub fn adopt_plan_suggestion(&self, item_id: i64) -> Result<()> {
        guard(|| Ok(self.inner.adopt_plan_suggestion(item_id)?))
    }

    /// Sets a suggestion aside (it can be adopted later).
    pub fn dismiss_plan_suggestion(&self, item_id: i64) -> Result<()> {
        guard(|| Ok(self.inner.dismiss_plan_suggestion(item_id)?))
    }

    /// Ticks or unticks an item.
    pub fn set_plan_item_checked(&self, item_id: i64, checked: bool) -> Result<()> {
        guard(|| Ok(self.inner.set_plan_item_checked(item_id, checked)?))
    }

    /// Moves an item within its section.
    pub fn move_plan_item(&self, item_id: i64, new_index: u32) -> Result<()> {
        guard(|| Ok(self.inner.move_plan_item(item_id, new_index)?))
    }

    /// Removes one of her own items.
    pub fn remove_plan_item(&self, item_id: i64) -> Result<()> {
        guard(|| Ok(self.inner.remove_plan_item(item_id)?))
    }

    /// Sets (or clears) the date she wants to review her plan.
    pub fn set_plan_review_date(&self, date: Option<LocalDate>) -> Result<()> {
        guard(|| Ok(self.inner.set_plan_review_date(date)?))
    }
}

/// Trusted contacts (typed in by hand; never read from the phone's contacts).
#[uniffi::export]
impl Session {
    pub fn add_contact(&self, draft: ContactDraft) -> Result<Contact> {
        guard(|| Ok(self.inner.add_contact(&draft)?))
    }

    pub fn update_contact(&self, id: i64, draft: ContactDraft) -> Result<Contact> {
        guard(|| Ok(self.inner.update_contact(id, &draft)?))
    }

    pub fn contact(&self, id: i64) -> Result<Contact> {
        guard(|| Ok(self.inner.contact(id)?))
    }

    /// All contacts, in her order.
    pub fn contacts(&self) -> Result<Vec<Contact>> {
        guard(|| Ok(self.inner.contacts()?))
    }

    pub fn remove_contact(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.remove_contact(id)?))
    }

    pub fn move_contact(&self, id: i64, new_index: u32) -> Result<()> {
        guard(|| Ok(self.inner.move_contact(id, new_index)?))
    }
}

/// Incident journal: append-only revisions in a SHA-256 evidence chain.
#[uniffi::export]
impl Session {
    pub fn add_journal_entry(&self, draft: EntryDraft) -> Result<JournalEntry> {
        guard(|| Ok(self.inner.add_journal_entry(&draft)?))
    }

    /// An edit is a new revision; the earlier ones stay in the chain.
    pub fn edit_journal_entry(&self, id: i64, draft: EntryDraft) -> Result<JournalEntry> {
        guard(|| Ok(self.inner.edit_journal_entry(id, &draft)?))
    }

    /// Hides an entry from the journal views (kept, and restorable).
    pub fn hide_journal_entry(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.hide_journal_entry(id)?))
    }

    pub fn restore_journal_entry(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.restore_journal_entry(id)?))
    }

    /// Erases an entry's content and attachments for good (the chain keeps a marker).
    pub fn erase_entry_permanently(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.erase_entry_permanently(id)?))
    }

    pub fn journal_entry(&self, id: i64) -> Result<JournalEntry> {
        guard(|| Ok(self.inner.journal_entry(id)?))
    }

    /// The entries of a calendar month in `time_zone` (an IANA name such as "Asia/Almaty").
    pub fn journal_month(
        &self,
        year: i32,
        month: u32,
        time_zone: String,
        include_hidden: bool,
    ) -> Result<Vec<JournalEntry>> {
        guard(|| {
            Ok(self
                .inner
                .journal_month(year, month, &time_zone, include_hidden)?)
        })
    }

    /// The entries that occurred in `[from, to)`.
    pub fn journal_between(
        &self,
        from: Timestamp,
        to: Timestamp,
        include_hidden: bool,
    ) -> Result<Vec<JournalEntry>> {
        guard(|| Ok(self.inner.journal_between(from, to, include_hidden)?))
    }

    /// The revisions of an entry, oldest first, with their chain hashes.
    pub fn journal_revisions(&self, id: i64) -> Result<Vec<RevisionInfo>> {
        guard(|| Ok(self.inner.journal_revisions(id)?))
    }

    /// Adds an attachment held in memory. For anything larger than a few MB use
    /// `add_attachment_stream`. Limit: 50 MB.
    pub fn add_attachment(
        &self,
        entry_id: i64,
        draft: AttachmentDraft,
        bytes: Vec<u8>,
    ) -> Result<AttachmentInfo> {
        guard(|| Ok(self.inner.add_attachment_bytes(entry_id, &draft, &bytes)?))
    }

    /// Adds an attachment of `size` bytes read in chunks from `source` (a picked file, a
    /// recording). The bytes go straight into the encrypted database. Limit: 50 MB.
    pub fn add_attachment_stream(
        &self,
        entry_id: i64,
        draft: AttachmentDraft,
        size: u64,
        source: Arc<dyn ByteSource>,
    ) -> Result<AttachmentInfo> {
        guard(|| {
            let mut reader = SourceReader::new(source);
            Ok(self
                .inner
                .add_attachment(entry_id, &draft, size, &mut reader)?)
        })
    }

    /// An attachment's bytes, in memory. For large ones use `read_attachment_to`.
    pub fn attachment_bytes(&self, attachment_id: i64) -> Result<Vec<u8>> {
        guard(|| Ok(self.inner.attachment_bytes(attachment_id)?))
    }

    /// Writes an attachment to `sink` in chunks; returns its size.
    pub fn read_attachment_to(&self, attachment_id: i64, sink: Arc<dyn ByteSink>) -> Result<u64> {
        guard(|| {
            let mut out = BufWriter::with_capacity(CHUNK, SinkWriter(sink));
            let n = self.inner.read_attachment(attachment_id, &mut out)?;
            out.flush()
                .map_err(|e| io_error("write the attachment", e))?;
            Ok(n)
        })
    }

    /// Recomputes the evidence chain over every revision and attachment.
    pub fn verify_chain(&self) -> Result<ChainStatus> {
        guard(|| Ok(self.inner.verify_chain()?))
    }
}

/// Protection orders.
#[uniffi::export]
impl Session {
    pub fn add_protection_order(&self, draft: OrderDraft) -> Result<ProtectionOrder> {
        guard(|| Ok(self.inner.add_protection_order(&draft)?))
    }

    pub fn update_protection_order(&self, id: i64, draft: OrderDraft) -> Result<ProtectionOrder> {
        guard(|| Ok(self.inner.update_protection_order(id, &draft)?))
    }

    pub fn protection_order(&self, id: i64) -> Result<ProtectionOrder> {
        guard(|| Ok(self.inner.protection_order(id)?))
    }

    pub fn protection_orders(&self) -> Result<Vec<ProtectionOrder>> {
        guard(|| Ok(self.inner.protection_orders()?))
    }

    pub fn remove_protection_order(&self, id: i64) -> Result<()> {
        guard(|| Ok(self.inner.remove_protection_order(id)?))
    }

    /// Status and days left today (in the region's time zone); `ExpiringSoon` within
    /// `within_days`.
    pub fn protection_order_standing(&self, id: i64, within_days: u32) -> Result<OrderStanding> {
        guard(|| Ok(self.inner.protection_order_standing(id, within_days)?))
    }
}

/// Danger signs (a reflection, no score) and rights, in the session's language.
#[uniffi::export]
impl Session {
    pub fn danger_signs(&self) -> Result<DangerSigns> {
        guard(|| Ok(self.inner.danger_signs()?))
    }

    pub fn set_danger_sign_ticked(&self, sign_id: String, ticked: bool) -> Result<()> {
        guard(|| Ok(self.inner.set_danger_sign_ticked(&sign_id, ticked)?))
    }

    pub fn ticked_danger_signs(&self) -> Result<Vec<String>> {
        guard(|| Ok(self.inner.ticked_danger_signs()?))
    }

    pub fn rights(&self) -> Result<Vec<RightsStatement>> {
        guard(|| Ok(self.inner.rights()?))
    }
}

/// Export for an advocate or lawyer, and the encrypted bundle (her recovery path if the
/// device key is lost). Each export asks for the PIN again; all are slow: off the UI thread.
#[uniffi::export]
impl Session {
    /// A printable HTML report of the chosen entries with their hashes and the chain head.
    pub fn export_report(&self, pin: String, request: ReportRequest) -> Result<String> {
        guard(|| {
            let pin = haven_core::Pin::new(pin, "pin")?;
            Ok(self.inner.export_report(&pin, &request)?)
        })
    }

    /// The whole journal as an encrypted bundle (age, passphrase of 12+ characters), in
    /// memory. For a large journal use `export_bundle_to`.
    pub fn export_bundle(&self, pin: String, passphrase: String) -> Result<Vec<u8>> {
        guard(|| {
            let pin = haven_core::Pin::new(pin, "pin")?;
            let passphrase = BundlePassphrase::new(passphrase)?;
            Ok(self.inner.export_bundle(&pin, &passphrase)?)
        })
    }

    /// The bundle, written to `sink` in chunks.
    pub fn export_bundle_to(
        &self,
        pin: String,
        passphrase: String,
        sink: Arc<dyn ByteSink>,
    ) -> Result<()> {
        guard(|| {
            let pin = haven_core::Pin::new(pin, "pin")?;
            let passphrase = BundlePassphrase::new(passphrase)?;
            let mut out = BufWriter::with_capacity(CHUNK, SinkWriter(sink));
            self.inner.export_bundle_to(&pin, &passphrase, &mut out)?;
            out.flush().map_err(|e| io_error("write the bundle", e))?;
            Ok(())
        })
    }

    /// Restores a bundle into this vault's empty journal, all or nothing; returns the number
    /// of entries. Every refusal is `ImportRejected` with a reason.
    pub fn import_bundle(&self, passphrase: String, bundle: Vec<u8>) -> Result<u64> {
        guard(|| {
            let passphrase = BundlePassphrase::new(passphrase)?;
            Ok(self.inner.import_bundle(&passphrase, &bundle)?)
        })
    }

    /// As `import_bundle`, reading the bundle in chunks from `source`.
    pub fn import_bundle_from(
        &self,
        passphrase: String,
        source: Arc<dyn ByteSource>,
    ) -> Result<u64> {
        guard(|| {
            let passphrase = BundlePassphrase::new(passphrase)?;
            let mut reader = SourceReader::new(source);
            Ok(self.inner.import_bundle_from(&passphrase, &mut reader)?)
        })
    }
}
