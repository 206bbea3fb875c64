//! `haven bundle …`: open and verify her encrypted journal bundle on the advocate's or
//! lawyer's computer, offline, with the same code that wrote it (`haven-evidence`).
//!
//! `verify` prints no content — only structure, times, hashes and sizes — so its output can be
//! pasted into an e-mail or a case file. `open` writes the plaintext (a report and the
//! attachments) to a directory, after warning where it now lives.
//!
//! Exit codes: 0 intact; 3 the passphrase does not open it; 6 it opens but was altered (chain
//! or attachment: the first broken link is printed); 7 it cannot be read as a Haven bundle
//! (damaged encryption, not a bundle, malformed); 2 bad input (language, non-empty directory,
//! no confirmation); 1 anything else (I/O).

use crate::exit;
use crate::input::read_secret;
use chrono::{DateTime, Utc};
use clap::Subcommand;
use haven_evidence::check::{check_bundle, AttachmentSink, Checked, Discard, FirstBreak};
use haven_evidence::container::AttachmentCheck;
use haven_evidence::labels::{label, Lang};
use haven_evidence::manifest::{Manifest, SnapshotRecord};
use haven_evidence::{BundleError, SecretString, MAX_BUNDLE_BYTES};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bundle opened but was altered.
pub const ALTERED: u8 = 6;
/// The bundle cannot be read as a whole.
pub const UNREADABLE: u8 = 7;

#[derive(Subcommand)]
pub enum Action {
    /// Verify a bundle: chain head, every entry's revisions, every attachment's size and
    /// SHA-256, the first broken link. Prints no content. Passphrase from the terminal or stdin.
    /// Exit: 0 intact, 3 wrong passphrase, 6 altered, 7 damaged or not a bundle, 2 bad input.
    Verify {
        /// The bundle file.
        file: PathBuf,
    },
    /// Open a bundle into a new or empty directory: a readable report and the attachments
    /// under their original (sanitised) names. This leaves plaintext on this computer.
    Open {
        /// The bundle file.
        file: PathBuf,
        /// The directory to write into (created if missing; must be empty).
        #[arg(long)]
        to: PathBuf,
        /// The report's language: kk, ru or en.
        #[arg(long, default_value = "en")]
        lang: String,
        /// Do not ask: accept that plaintext is written to this computer.
        #[arg(long)]
        yes: bool,
    },
}

enum Failure {
    BadInput(String),
    Bundle(BundleError),
    Io(&'static str, io::Error),
}

pub fn run(action: Action) -> ExitCode {
    let result = match action {
        Action::Verify { file } => verify(&file),
        Action::Open {
            file,
            to,
            lang,
            yes,
        } => open(&file, &to, &lang, yes),
    };
    match result {
        Ok(code) => code,
        Err(Failure::BadInput(msg)) => {
            eprintln!("haven: {msg}");
            ExitCode::from(exit::BAD_INPUT)
        }
        Err(Failure::Bundle(e)) => {
            eprintln!("haven: {e}");
            ExitCode::from(match e {
                BundleError::WrongPassphrase => exit::NOT_OPENED,
                BundleError::CannotWrite => exit::FAILURE,
                _ => UNREADABLE,
            })
        }
        Err(Failure::Io(what, e)) => {
            eprintln!("haven: could not {what}: {}", e.kind());
            ExitCode::from(exit::FAILURE)
        }
    }
}

fn passphrase() -> Result<SecretString, Failure> {
    let line = read_secret("Bundle passphrase: ", "read the passphrase")
        .map_err(|_| Failure::BadInput("could not read the passphrase".into()))?;
    if line.is_empty() {
        return Err(Failure::BadInput("the passphrase is empty".into()));
    }
    Ok(SecretString::from(line.as_str().to_owned()))
}

fn open_file(file: &Path) -> Result<io::BufReader<File>, Failure> {
    File::open(file)
        .map(io::BufReader::new)
        .map_err(|e| Failure::Io("open the bundle file", e))
}

fn utc(secs: i64) -> String {
    DateTime::<Utc>::from_timestamp(secs, 0).map_or_else(
        || "?".into(),
        |t| t.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
    )
}

fn entry_index(m: &Manifest, uid: &str) -> usize {
    m.entries.iter().position(|e| e.uid == uid).unwrap_or(0) + 1
}

/// The first broken link in words (English, for scripts and case files).
fn describe_break(c: &Checked) -> Option<String> {
    Some(match c.first_break()? {
        FirstBreak::Chain(b) => {
            let at = match (b.entry, b.seq, b.revision) {
                (Some(e), Some(s), Some(r)) => {
                    format!("entry {} revision {} (chain position {})", e + 1, s, r + 1)
                }
                _ => "the chain head".into(),
            };
            format!(
                "{at}: {}",
                label(Lang::En, &format!("problem_{}", b.problem.id()))
            )
        }
        FirstBreak::Attachment {
            attachment,
            revision,
            entry,
        } => format!(
            "attachment {} (entry {}, chain position {}): {}",
            attachment + 1,
            entry.map_or(0, |e| e + 1),
            revision.map_or(0, |r| r + 1),
            label(Lang::En, "problem_attachment_altered")
        ),
    })
}

fn verify(file: &Path) -> Result<ExitCode, Failure> {
    let input = open_file(file)?;
    let pass = passphrase()?;
    let c = check_bundle(input, &pass, MAX_BUNDLE_BYTES, &mut Discard::default())
        .map_err(Failure::Bundle)?;
    let m = &c.manifest;
    let mut out = String::new();
    let _ = writeln!(out, "format: {}", m.format);
    let _ = writeln!(out, "entries: {}", m.entries.len());
    let _ = writeln!(out, "revisions: {}", m.revisions.len());
    let _ = writeln!(out, "attachments: {}", m.attachments.len());
    for (e, entry) in m.entries.iter().enumerate() {
        let _ = writeln!(out, "entry {} ({})", e + 1, entry.uid);
        for (i, r) in m.revisions.iter().enumerate() {
            if r.entry_uid != entry.uid {
                continue;
            }
            let state = if r.snapshot.is_none() && r.action != "erase" {
                "  [content erased]"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "  revision {} (chain position {}): {} at {}  hash {}{state}",
                r.seq,
                i + 1,
                r.action,
                r.recorded_at.map_or_else(|| "-".into(), utc),
                r.hash
            );
        }
    }
    for (i, a) in m.attachments.iter().enumerate() {
        let found = c.attachment_sha256(i).unwrap_or_default();
        let _ = writeln!(
            out,
            "attachment {} (entry {}): {}, {} bytes, sha256 {}{}",
            i + 1,
            entry_index(m, &a.entry_uid),
            a.kind,
            a.size,
            found,
            if found == a.sha256 {
                String::new()
            } else {
                format!("  ALTERED (recorded {})", a.sha256)
            }
        );
    }
    let code = match (c.head(), describe_break(&c)) {
        (Some(head), _) => {
            let _ = writeln!(out, "chain: intact");
            let _ = writeln!(out, "chain head: {}", head.head);
            ExitCode::SUCCESS
        }
        (None, brk) => {
            let _ = writeln!(out, "chain: BROKEN");
            let _ = writeln!(out, "first broken link: {}", brk.unwrap_or_default());
            let _ = writeln!(out, "chain head claimed by the bundle: {}", m.chain_head);
            ExitCode::from(ALTERED)
        }
    };
    print!("{out}");
    Ok(code)
}

// ---- open ------------------------------------------------------------------------------------

/// A file name that is safe on every desktop system: no separators, no leading dot, no
/// control or reserved characters, at most 80 characters, never empty.
pub fn sanitise(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | ' ' | '(' | ')') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '.' || c == ' ');
    let cleaned: String = cleaned.chars().take(80).collect();
    if cleaned.is_empty() {
        "attachment".into()
    } else {
        cleaned
    }
}

fn extension_for(mime: &str) -> &'static str {
    match mime {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "image/webp" => ".webp",
        "image/heic" => ".heic",
        "audio/ogg" => ".ogg",
        "audio/mpeg" => ".mp3",
        "audio/mp4" | "audio/aac" => ".m4a",
        "application/pdf" => ".pdf",
        "text/plain" => ".txt",
        _ => ".bin",
    }
}

/// The attachment's file name in the output directory: its number, then its sanitised name.
pub fn attachment_file_name(
    index: usize,
    original: Option<&str>,
    kind: &str,
    mime: &str,
) -> String {
    match original {
        Some(n) => format!("{:02}-{}", index + 1, sanitise(n)),
        None => format!("{:02}-{}{}", index + 1, sanitise(kind), extension_for(mime)),
    }
}

/// Writes each attachment to its own new file (owner-only on Unix).
struct ToFiles {
    dir: PathBuf,
    names: Vec<String>,
    current: Option<File>,
    written: Vec<PathBuf>,
}

fn create_private(path: &Path) -> io::Result<File> {
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    o.open(path)
}

impl AttachmentSink for ToFiles {
    fn begin(&mut self, m: &Manifest) -> io::Result<()> {
        self.names = m
            .attachments
            .iter()
            .enumerate()
            .map(|(i, a)| attachment_file_name(i, a.file_name.as_deref(), &a.kind, &a.mime_type))
            .collect();
        Ok(())
    }
    fn writer(&mut self, index: usize) -> io::Result<&mut dyn Write> {
        let path = self.dir.join(&self.names[index]);
        let f = create_private(&path)?;
        self.written.push(path);
        Ok(self.current.insert(f))
    }
    fn done(&mut self, _: &AttachmentCheck) -> io::Result<()> {
        match self.current.take() {
            Some(f) => f.sync_all(),
            None => Ok(()),
        }
    }
}

fn confirm(yes: bool, lang: Lang) -> Result<(), Failure> {
    eprintln!("{}", label(lang, "plaintext_warning"));
    if yes {
        return Ok(());
    }
    if !io::stdin().is_terminal() {
        return Err(Failure::BadInput(
            "not a terminal: add --yes to accept that plaintext is written to this computer".into(),
        ));
    }
    eprint!("Type yes to continue: ");
    let mut answer = String::new();
    io::stdin()
        .lock()
        .read_line(&mut answer)
        .map_err(|e| Failure::Io("read the answer", e))?;
    if answer.trim() != "yes" {
        return Err(Failure::BadInput("not confirmed; nothing written".into()));
    }
    Ok(())
}

fn open(file: &Path, to: &Path, lang: &str, yes: bool) -> Result<ExitCode, Failure> {
    let lang = Lang::from_tag(lang)
        .ok_or_else(|| Failure::BadInput("--lang must be kk, ru or en".into()))?;
    let created = match fs::read_dir(to) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(Failure::BadInput(format!(
                    "{} is not empty: choose a new or empty directory",
                    to.display()
                )));
            }
            false
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(Failure::Io("read the output directory", e)),
    };
    let input = open_file(file)?;
    confirm(yes, lang)?;
    let pass = passphrase()?;
    if created {
        let mut b = fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
        b.recursive(true)
            .create(to)
            .map_err(|e| Failure::Io("create the output directory", e))?;
    }
    let attachments_dir = to.join("attachments");
    let mut sink = ToFiles {
        dir: attachments_dir.clone(),
        names: Vec::new(),
        current: None,
        written: Vec::new(),
    };
    let result = (|| {
        fs::create_dir(&attachments_dir)
            .map_err(|e| Failure::Io("create the attachments directory", e))?;
        let checked =
            check_bundle(input, &pass, MAX_BUNDLE_BYTES, &mut sink).map_err(Failure::Bundle)?;
        let report = render_report(&checked, lang, &sink.names);
        let path = to.join("report.txt");
        let mut f = create_private(&path).map_err(|e| Failure::Io("write the report", e))?;
        sink.written.push(path);
        f.write_all(report.as_bytes())
            .and_then(|()| f.sync_all())
            .map_err(|e| Failure::Io("write the report", e))?;
        Ok(checked)
    })();
    match result {
        Ok(checked) => {
            println!("{}", to.join("report.txt").display());
            Ok(if checked.intact() {
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "haven: the evidence chain is BROKEN: {}",
                    describe_break(&checked).unwrap_or_default()
                );
                ExitCode::from(ALTERED)
            })
        }
        Err(e) => {
            // Nothing half-written: remove what this run wrote.
            for p in &sink.written {
                let _ = fs::remove_file(p);
            }
            let _ = fs::remove_dir(&attachments_dir);
            if created {
                let _ = fs::remove_dir(to);
            }
            Err(e)
        }
    }
}

/// The readable report: chain status first, then every entry with every revision, then the
/// attachments with their file names here, sizes and SHA-256.
fn render_report(c: &Checked, lang: Lang, names: &[String]) -> String {
    let l = |k: &str| label(lang, k).to_owned();
    let yes_no = |b: bool| if b { l("yes") } else { l("no") };
    let m = &c.manifest;
    let mut r = String::new();
    let _ = writeln!(r, "{}\n", l("title"));
    let _ = writeln!(r, "{}\n", l("plaintext_warning"));
    match (c.head(), describe_break(c)) {
        (Some(head), _) => {
            let _ = writeln!(r, "{}", l("chain_intact"));
            let _ = writeln!(r, "{}: {}", l("chain_head"), head.head);
            let _ = writeln!(r, "{}: {}", l("revisions_total"), head.revisions);
        }
        (None, brk) => {
            let _ = writeln!(r, "{}", l("chain_broken"));
            let _ = writeln!(r, "{}: {}", l("first_break"), brk.unwrap_or_default());
        }
    }
    let _ = writeln!(r, "\n{}\n", l("proves"));
    for (e, entry) in m.entries.iter().enumerate() {
        let _ = writeln!(r, "==== {} {} ====", l("entry"), e + 1);
        for (i, rev) in m.revisions.iter().enumerate() {
            if rev.entry_uid != entry.uid {
                continue;
            }
            let _ = writeln!(
                r,
                "\n-- {} {}: {} — {} {}",
                l("revision"),
                rev.seq,
                l(&format!("action_{}", rev.action)),
                l("recorded"),
                rev.recorded_at.map_or_else(|| "-".into(), utc)
            );
            let _ = writeln!(r, "   {} ({}): {}", l("hash"), i + 1, rev.hash);
            match &rev.snapshot {
                Some(s) => write_snapshot(&mut r, s, &l, &yes_no),
                None if rev.action != "erase" => {
                    let _ = writeln!(r, "   {}", l("erased"));
                }
                None => {}
            }
            for a in &rev.attachments {
                let name = names.get(*a).map_or("?", String::as_str);
                let _ = writeln!(r, "   {}: attachments/{name}", l("attachments"));
            }
        }
        let _ = writeln!(r);
    }
    let _ = writeln!(r, "==== {} ====", l("attachments"));
    for (i, a) in m.attachments.iter().enumerate() {
        let found = c.attachment_sha256(i).unwrap_or_default();
        let _ = writeln!(
            r,
            "attachments/{}\n   {}: {}, {} {}, {}: {}, {}: {} — {}",
            names.get(i).map_or("?", String::as_str),
            l("entry"),
            entry_index(m, &a.entry_uid),
            l(&format!("attachment_kind_{}", a.kind)),
            a.mime_type,
            l("size"),
            a.size,
            l("sha256"),
            found,
            if found == a.sha256 {
                l("attachment_ok")
            } else {
                l("attachment_altered")
            }
        );
    }
    r
}

fn write_snapshot(
    r: &mut String,
    s: &SnapshotRecord,
    l: &dyn Fn(&str) -> String,
    yes_no: &dyn Fn(bool) -> String,
) {
    let kinds: Vec<String> = s.kinds.iter().map(|k| l(&format!("kind_{k}"))).collect();
    let _ = writeln!(
        r,
        "   {}: {} ({}: {})",
        l("occurred"),
        utc(s.occurred_at),
        l("time_zone"),
        s.time_zone
    );
    let _ = writeln!(r, "   {}: {}", l("kinds"), kinds.join(", "));
    let _ = writeln!(
        r,
        "   {}:\n      {}",
        l("narrative"),
        s.narrative.replace('\n', "\n      ")
    );
    for (key, value) in [
        ("injuries", &s.injuries),
        ("witnesses", &s.witnesses),
        ("place", &s.place),
    ] {
        if let Some(v) = value {
            let _ = writeln!(r, "   {}: {}", l(key), v.replace('\n', "\n      "));
        }
    }
    let _ = writeln!(
        r,
        "   {}: {}{}",
        l("police"),
        yes_no(s.police_involved),
        s.police_reference
            .as_ref()
            .map_or_else(String::new, |v| format!(" ({}: {v})", l("reference")))
    );
    let _ = writeln!(
        r,
        "   {}: {}{}",
        l("medical"),
        yes_no(s.medical_involved),
        s.medical_reference
            .as_ref()
            .map_or_else(String::new, |v| format!(" ({}: {v})", l("reference")))
    );
    if s.hidden {
        let _ = writeln!(r, "   {}", l("hidden"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_sanitised() {
        assert_eq!(sanitise("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(sanitise(".bashrc"), "bashrc");
        assert_eq!(sanitise("фото двери.jpg"), "фото двери.jpg");
        assert_eq!(sanitise("a\\b:c*?\"<>|\u{0}"), "a_b_c_______");
        assert_eq!(sanitise("..."), "attachment");
        assert_eq!(sanitise(&"x".repeat(300)).chars().count(), 80);
        assert_eq!(
            attachment_file_name(0, None, "audio", "audio/ogg"),
            "01-audio.ogg"
        );
        assert_eq!(
            attachment_file_name(11, Some("/a/b.png"), "photo", "image/png"),
            "12-_a_b.png"
        );
    }
}
