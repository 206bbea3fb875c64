//! The offline web verifier's bridge: `haven-evidence` exported to JavaScript with
//! `wasm-bindgen`, for the single HTML page `scripts/build-verifier.sh` builds.
//!
//! Why so thin: every decision (what the format is, whether the chain holds, where it
//! breaks) stays in `haven-evidence`; this only hands the page a JSON view of the result, the
//! attachments' bytes (for photos rendered in memory) and the shared kk/ru/en labels. No
//! network, no storage: the page gives the bundle's bytes and the passphrase, and gets
//! everything back in memory.

use haven_evidence::check::{check_plain, AttachmentSink, Checked, FirstBreak};
use haven_evidence::container::AttachmentCheck;
use haven_evidence::labels::{self, Lang};
use haven_evidence::{seal, SecretString, MAX_BUNDLE_BYTES};
use serde_json::{json, Value};
use std::fmt;
use std::io::{self, Write};
use wasm_bindgen::prelude::*;

/// Every label in `lang` (`kk`, `ru`, `en`; anything else gives English), as JSON.
#[wasm_bindgen]
pub fn labels(lang: &str) -> String {
    labels::all_json(Lang::from_tag(lang).unwrap_or(Lang::En))
}

/// An opened bundle, held in the page's memory until `free()`.
#[wasm_bindgen]
pub struct Opened {
    view: String,
    attachments: Vec<Vec<u8>>,
}

impl fmt::Debug for Opened {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Opened(..)")
    }
}

#[wasm_bindgen]
impl Opened {
    /// The JSON view: chain status and head, the first broken link, entries with every
    /// revision, attachments with their sizes and hashes, timings.
    pub fn view(&self) -> String {
        self.view.clone()
    }

    /// Attachment `index`'s bytes (empty if there is none).
    pub fn attachment(&self, index: usize) -> Vec<u8> {
        self.attachments.get(index).cloned().unwrap_or_default()
    }
}

impl Drop for Opened {
    fn drop(&mut self) {
        use zeroize::Zeroize;
        self.view.zeroize();
        for a in &mut self.attachments {
            a.zeroize();
        }
    }
}

/// Keeps every attachment's bytes in memory.
#[derive(Default)]
struct Keep(Vec<Vec<u8>>);

impl AttachmentSink for Keep {
    fn writer(&mut self, index: usize) -> io::Result<&mut dyn Write> {
        self.0.resize(index + 1, Vec::new());
        Ok(&mut self.0[index])
    }
    fn done(&mut self, _: &AttachmentCheck) -> io::Result<()> {
        Ok(())
    }
}

/// Opens and verifies a bundle. On failure, throws the label key of the reason
/// (`err_wrong_passphrase`, `err_damaged`, …).
#[wasm_bindgen]
pub fn open_bundle(bytes: &[u8], passphrase: String) -> Result<Opened, JsValue> {
    let started = js_sys::Date::now();
    let passphrase = SecretString::from(passphrase);
    let fail = |e: haven_evidence::BundleError| JsValue::from_str(labels::error_key(&e));
    let plain = seal::open(bytes, &passphrase, MAX_BUNDLE_BYTES).map_err(fail)?;
    let opened = js_sys::Date::now();
    let mut keep = Keep::default();
    let checked = check_plain(plain, &mut keep).map_err(fail)?;
    let done = js_sys::Date::now();
    let mut view = view(&checked);
    view["timing"] = json!({ "open_ms": opened - started, "verify_ms": done - opened });
    Ok(Opened {
        view: view.to_string(),
        attachments: keep.0,
    })
}

/// The JSON the page renders.
pub fn view(c: &Checked) -> Value {
    let m = &c.manifest;
    let entry_of = |uid: &str| m.entries.iter().position(|e| e.uid == uid);
    let first_break = match c.first_break() {
        None => Value::Null,
        Some(FirstBreak::Chain(b)) => json!({
            "kind": "chain",
            "revision": b.revision,
            "entry": b.entry,
            "seq": b.seq,
            "problem": b.problem.id(),
        }),
        Some(FirstBreak::Attachment {
            attachment,
            revision,
            entry,
        }) => json!({
            "kind": "attachment",
            "attachment": attachment,
            "revision": revision,
            "entry": entry,
            "problem": "attachment_altered",
        }),
    };
    let entries: Vec<Value> = m
        .entries
        .iter()
        .map(|e| {
            let revisions: Vec<Value> = m
                .revisions
                .iter()
                .enumerate()
                .filter(|(_, r)| r.entry_uid == e.uid)
                .map(|(i, r)| {
                    json!({
                        "position": i,
                        "seq": r.seq,
                        "action": r.action,
                        "recorded_at": r.recorded_at,
                        "erased": r.snapshot.is_none() && r.action != "erase",
                        "hash": r.hash,
                        "snapshot": r.snapshot,
                        "attachments": r.attachments,
                    })
                })
                .collect();
            json!({ "uid": e.uid, "revisions": revisions })
        })
        .collect();
    let attachments: Vec<Value> = m
        .attachments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let found = c.attachment_sha256(i).unwrap_or_default();
            json!({
                "entry": entry_of(&a.entry_uid),
                "kind": a.kind,
                "file_name": a.file_name,
                "mime_type": a.mime_type,
                "size": a.size,
                "sha256": found,
                "sha256_recorded": a.sha256,
                "matches": found == a.sha256,
            })
        })
        .collect();
    json!({
        "format": m.format,
        "intact": c.intact(),
        "head": c.head().map(|h| h.head.clone()),
        "head_claimed": m.chain_head,
        "revisions_total": m.revisions.len(),
        "first_break": first_break,
        "entries": entries,
        "attachments": attachments,
    })
}
