//! `haven pack`: build, sign, verify, inspect, diff and check directory packs.
//!
//! For directory maintainers at crisis centres and for release engineers (see
//! `docs/pack-format.md`). It reads HSDS JSON or an HSDS tabular (CSV) package, reports every
//! problem with its file, record and field, and writes packs in the format the app verifies.
//! It touches no vault and prints no survivor data; secret keys are written only to the path
//! given, never printed.

use chrono::{DateTime, Duration, Utc};
use clap::{Parser, Subcommand};
use haven_core::directory::hsds::{self, Content, Problem};
use haven_core::directory::pack::{self, Frame, Manifest};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod review;

#[derive(Parser, Debug)]
#[command(
    name = "haven pack",
    about = "Build, sign, verify and inspect Haven directory packs"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Generate a minisign (Ed25519) key pair for signing packs.
    Keygen {
        /// Where to write the secret key (created; never overwritten; mode 0600).
        #[arg(long)]
        secret_key: PathBuf,
        /// Where to write the public key.
        #[arg(long)]
        public_key: PathBuf,
        /// Read the key's password from this file instead of asking.
        #[arg(long, conflicts_with = "no_password")]
        password_file: Option<PathBuf>,
        /// Store the secret key unencrypted (test and development keys only).
        #[arg(long)]
        no_password: bool,
    },
    /// Build an unsigned pack from HSDS JSON or an HSDS CSV package directory.
    Build {
        /// An HSDS-profile JSON file, or a directory of HSDS CSV files.
        #[arg(long)]
        input: PathBuf,
        /// Where to write the unsigned pack.
        #[arg(long)]
        output: PathBuf,
        /// Region code (ISO 3166-1 alpha-2), e.g. KZ.
        #[arg(long)]
        region: String,
        /// Pack version: must be higher than the one on phones to be installed.
        #[arg(long)]
        version: u64,
        /// Build time (RFC 3339); now if absent.
        #[arg(long)]
        created: Option<String>,
        /// Days until the pack is reported out of date.
        #[arg(long, default_value_t = 180)]
        valid_days: i64,
        /// Oldest Haven core version that may install the pack.
        #[arg(long, default_value = env!("CARGO_PKG_VERSION"))]
        min_core_version: String,
        /// Time zone for services without a location (CSV input only; JSON carries its own).
        #[arg(long, default_value = "Asia/Almaty")]
        default_timezone: String,
        /// Also write the validated content as pretty HSDS-profile JSON (e.g. from CSV).
        #[arg(long)]
        emit_json: Option<PathBuf>,
        /// The input is standard Open Referral HSDS 3.0 JSON, its text in this language
        /// (kk, ru or en). Needs provenance: --source and --verified-on, or --provenance.
        #[arg(long)]
        hsds_locale: Option<String>,
        /// Standard HSDS: where the information comes from (every record).
        #[arg(long, requires = "hsds_locale")]
        source: Option<String>,
        /// Standard HSDS: the day it was checked against that source (YYYY-MM-DD).
        #[arg(long, requires = "hsds_locale")]
        verified_on: Option<String>,
        /// Standard HSDS: the records were confirmed (by a call); otherwise unverified.
        #[arg(long, requires = "hsds_locale")]
        verified: bool,
        /// Standard HSDS: a JSON side file {"default": {source, verified_on, verified},
        /// "records": {"<table>:<id>": {…}}} overriding the options per record.
        #[arg(long, requires = "hsds_locale")]
        provenance: Option<PathBuf>,
    },
    /// Sign an unsigned pack.
    Sign {
        #[arg(long)]
        secret_key: PathBuf,
        /// Read the key's password from this file instead of asking.
        #[arg(long, conflicts_with = "no_password")]
        password_file: Option<PathBuf>,
        /// The secret key is unencrypted.
        #[arg(long)]
        no_password: bool,
        #[arg(long)]
        input: PathBuf,
        #[arg(long)]
        output: PathBuf,
    },
    /// Verify a pack as the app would (signature, manifest, content hash, content).
    Verify {
        #[arg(long)]
        input: PathBuf,
        /// Trust these public keys instead of the ones compiled into the app.
        #[arg(long)]
        public_key: Vec<PathBuf>,
    },
    /// Show what changed between two packs (or HSDS sources), for review before signing.
    Diff {
        /// The pack on phones now (a pack file, HSDS JSON, or a CSV package directory).
        old: PathBuf,
        /// The pack to be signed.
        new: PathBuf,
        /// Time zone for CSV input (as for `build`).
        #[arg(long, default_value = "Asia/Almaty")]
        default_timezone: String,
    },
    /// List entries whose verified_on is older than N months; fails if there are any.
    Check {
        /// A pack file, HSDS JSON, or a CSV package directory.
        #[arg(long)]
        input: PathBuf,
        /// Months since an entry was last checked against its source.
        #[arg(long)]
        older_than: u32,
        /// Today's date (YYYY-MM-DD) instead of the clock's (for reproducible reviews).
        #[arg(long)]
        today: Option<String>,
        /// Time zone for CSV input (as for `build`).
        #[arg(long, default_value = "Asia/Almaty")]
        default_timezone: String,
    },
    /// Show what a pack holds: counts, languages, stale and unverified entries.
    Inspect {
        #[arg(long)]
        input: PathBuf,
        /// Report entries verified longer ago than this many days.
        #[arg(long, default_value_t = 180)]
        stale_days: i64,
    },
}

/// Runs `haven pack` with the words after `haven pack`.
pub fn run(args: Vec<String>) -> ExitCode {
    let cli = match Cli::try_parse_from(std::iter::once("haven pack".to_string()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    let result = match cli.command {
        Command::Keygen {
            secret_key,
            public_key,
            password_file,
            no_password,
        } => keygen(
            &secret_key,
            &public_key,
            password_file.as_deref(),
            no_password,
        ),
        Command::Build {
            input,
            output,
            region,
            version,
            created,
            valid_days,
            min_core_version,
            default_timezone,
            emit_json,
            hsds_locale,
            source,
            verified_on,
            verified,
            provenance,
        } => build(BuildArgs {
            input: &input,
            output: &output,
            region: &region,
            version,
            created: created.as_deref(),
            valid_days,
            min_core_version: &min_core_version,
            default_timezone: &default_timezone,
            emit_json: emit_json.as_deref(),
            standard: hsds_locale.map(|locale| review::StandardHsds {
                locale,
                source,
                verified_on,
                verified,
                provenance,
            }),
        }),
        Command::Sign {
            secret_key,
            password_file,
            no_password,
            input,
            output,
        } => sign(
            &secret_key,
            password_file.as_deref(),
            no_password,
            &input,
            &output,
        ),
        Command::Verify { input, public_key } => verify(&input, &public_key),
        Command::Inspect { input, stale_days } => inspect(&input, stale_days),
        Command::Diff {
            old,
            new,
            default_timezone,
        } => review::diff(&old, &new, &default_timezone),
        Command::Check {
            input,
            older_than,
            today,
            default_timezone,
        } => review::check(&input, older_than, today.as_deref(), &default_timezone),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

type Outcome = Result<(), String>;

/// Reads a file, refusing it before reading if it is larger than `max`.
fn read_capped(path: &Path, max: usize) -> Result<Vec<u8>, String> {
    let what = path.display();
    let meta = std::fs::metadata(path).map_err(|e| format!("{what}: {e}"))?;
    if meta.len() > max as u64 {
        return Err(format!("{what}: larger than {max} bytes"));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(|e| format!("{what}: {e}"))?
        .take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{what}: {e}"))?;
    if bytes.len() > max {
        return Err(format!("{what}: larger than {max} bytes"));
    }
    Ok(bytes)
}

fn write_file(path: &Path, bytes: &[u8]) -> Outcome {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

fn password(file: Option<&Path>) -> Result<Option<String>, String> {
    match file {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
            Ok(Some(text.trim_end_matches(['\r', '\n']).to_string()))
        }
        None => Ok(None),
    }
}

fn keygen(
    secret: &Path,
    public: &Path,
    password_file: Option<&Path>,
    no_password: bool,
) -> Outcome {
    let keypair = if no_password {
        minisign::KeyPair::generate_unencrypted_keypair()
    } else {
        // `None` makes minisign ask for the password on the terminal.
        minisign::KeyPair::generate_encrypted_keypair(password(password_file)?)
    }
    .map_err(|e| format!("could not generate a key pair: {e}"))?;
    let secret_box = keypair
        .sk
        .to_box(Some("haven directory pack signing key"))
        .map_err(|e| format!("could not encode the secret key: {e}"))?;
    let public_box = keypair
        .pk
        .to_box()
        .map_err(|e| format!("could not encode the public key: {e}"))?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(secret).map_err(|e| {
        format!(
            "{}: {e} (an existing key is never overwritten)",
            secret.display()
        )
    })?;
    file.write_all(secret_box.into_string().as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| format!("{}: {e}", secret.display()))?;
    write_file(public, public_box.into_string().as_bytes())?;
    println!(
        "secret key written to {} (keep it offline; it is not shown)",
        secret.display()
    );
    println!("public key written to {}", public.display());
    println!("public key (for TRUSTED_KEYS): {}", keypair.pk.to_base64());
    Ok(())
}

struct BuildArgs<'a> {
    input: &'a Path,
    output: &'a Path,
    region: &'a str,
    version: u64,
    created: Option<&'a str>,
    valid_days: i64,
    min_core_version: &'a str,
    default_timezone: &'a str,
    emit_json: Option<&'a Path>,
    standard: Option<review::StandardHsds>,
}

fn report(problems: &[Problem]) -> String {
    for p in problems {
        eprintln!("{p}");
    }
    format!("{} problem(s) found; no pack written", problems.len())
}

/// Reads and validates HSDS input (a JSON file or a CSV package directory).
fn load_content(input: &Path, default_timezone: &str) -> Result<Content, String> {
    if input.is_dir() {
        let mut read = |name: &str| -> Option<Vec<u8>> {
            let path = input.join(name);
            path.exists()
                .then(|| read_capped(&path, pack::MAX_PACK_BYTES * 4))
                .and_then(|r| match r {
                    Ok(b) => Some(b),
                    Err(e) => {
                        eprintln!("{e}");
                        None
                    }
                })
        };
        hsds::import_csv(&mut read, default_timezone).map_err(|p| report(&p))
    } else {
        let bytes = read_capped(input, pack::MAX_PACK_BYTES * 4)?;
        Content::from_json(&bytes).map_err(|p| report(&p))
    }
}

fn build(a: BuildArgs<'_>) -> Outcome {
    let content = match &a.standard {
        Some(std) => review::import_standard(a.input, std, a.default_timezone)?,
        None => load_content(a.input, a.default_timezone)?,
    };
    let created: DateTime<Utc> = match a.created {
        Some(s) => DateTime::parse_from_rfc3339(s)
            .map_err(|_| "--created must be an RFC 3339 time".to_string())?
            .with_timezone(&Utc),
        None => Utc::now(),
    };
    if a.valid_days < 1 {
        return Err("--valid-days must be at least 1".into());
    }
    let expires = created + Duration::days(a.valid_days);
    let bytes = content.to_canonical_json();
    let manifest = Manifest {
        format: pack::MANIFEST_FORMAT.to_string(),
        region: a.region.to_string(),
        version: a.version,
        created: created.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        expires: expires.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        min_core_version: a.min_core_version.to_string(),
        content_sha256: pack::sha256_hex(&bytes),
    };
    // The same checks the app runs on the manifest.
    let signed = pack::signed_part(&manifest, &bytes);
    Manifest::parse(
        Frame::parse(&pack::attach_signature(&signed, b""))
            .map_err(|r| r.reason().to_string())?
            .manifest,
    )
    .map_err(|r| format!("{r} (check --region, --min-core-version)"))?;
    if signed.len() + 1024 > pack::MAX_PACK_BYTES {
        return Err("the pack would exceed the app's size limit".into());
    }
    write_file(a.output, &pack::attach_signature(&signed, b""))?;
    if let Some(path) = a.emit_json {
        write_file(path, &content.to_pretty_json())?;
    }
    println!(
        "built unsigned pack {} for {} version {} ({} services, content sha256 {})",
        a.output.display(),
        manifest.region,
        manifest.version,
        content.services.len(),
        manifest.content_sha256
    );
    Ok(())
}

fn sign(
    secret: &Path,
    password_file: Option<&Path>,
    no_password: bool,
    input: &Path,
    output: &Path,
) -> Outcome {
    let bytes = read_capped(input, pack::MAX_PACK_BYTES)?;
    let frame = Frame::parse(&bytes).map_err(|r| r.reason().to_string())?;
    let manifest = Manifest::parse(frame.manifest).map_err(|r| r.reason().to_string())?;
    if pack::sha256_hex(frame.content) != manifest.content_sha256 {
        return Err("content does not match the manifest hash".into());
    }
    let text = std::fs::read_to_string(secret).map_err(|e| format!("{}: {e}", secret.display()))?;
    let sk_box =
        minisign::SecretKeyBox::from_string(&text).map_err(|e| format!("secret key: {e}"))?;
    let sk = if no_password {
        sk_box.into_unencrypted_secret_key()
    } else {
        sk_box.into_secret_key(password(password_file)?)
    }
    .map_err(|e| format!("secret key: {e}"))?;
    let trusted = format!(
        "haven-pack region={} version={} sha256={}",
        manifest.region, manifest.version, manifest.content_sha256
    );
    let signature = minisign::sign(
        None,
        &sk,
        frame.signed,
        Some(&trusted),
        Some("haven directory pack"),
    )
    .map_err(|e| format!("signing failed: {e}"))?;
    write_file(
        output,
        &pack::attach_signature(frame.signed, signature.into_string().as_bytes()),
    )?;
    println!("signed {} -> {}", input.display(), output.display());
    Ok(())
}

/// The base64 key line of a minisign public key file (or a bare base64 key).
fn public_key_line(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    text.lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
        .map(str::to_string)
        .ok_or_else(|| format!("{}: no public key found", path.display()))
}

fn verify(input: &Path, public_keys: &[PathBuf]) -> Outcome {
    let bytes = read_capped(input, pack::MAX_PACK_BYTES).map_err(|e| format!("{e} (refused)"))?;
    let lines: Vec<String> = public_keys
        .iter()
        .map(|p| public_key_line(p))
        .collect::<Result<_, _>>()?;
    let keys: Vec<&str> = if lines.is_empty() {
        pack::TRUSTED_KEYS.to_vec()
    } else {
        lines.iter().map(String::as_str).collect()
    };
    let verified = pack::verify(&bytes, &keys).map_err(|r| format!("refused: {r}"))?;
    let content = Content::from_json(verified.content).map_err(|p| {
        report(&p);
        "refused: pack content failed validation".to_string()
    })?;
    if !verified.manifest.core_is_new_enough() {
        return Err("refused: pack needs a newer version of Haven".into());
    }
    let m = &verified.manifest;
    println!(
        "OK: {} version {}, created {}, expires {}, {} services",
        m.region,
        m.version,
        m.created,
        m.expires,
        content.services.len()
    );
    Ok(())
}

fn inspect(input: &Path, stale_days: i64) -> Outcome {
    let bytes = read_capped(input, pack::MAX_PACK_BYTES)?;
    let frame = Frame::parse(&bytes).map_err(|r| r.reason().to_string())?;
    let manifest = Manifest::parse(frame.manifest).map_err(|r| r.reason().to_string())?;
    let now = Utc::now();
    println!("region:            {}", manifest.region);
    println!("version:           {}", manifest.version);
    println!("created:           {}", manifest.created);
    let expired = manifest.expires_at().is_ok_and(|e| e <= now);
    println!(
        "expires:           {}{}",
        manifest.expires,
        if expired { " (OUT OF DATE)" } else { "" }
    );
    println!("min core version:  {}", manifest.min_core_version);
    println!("content sha256:    {}", manifest.content_sha256);
    let hash_ok = pack::sha256_hex(frame.content) == manifest.content_sha256;
    println!(
        "content hash:      {}",
        if hash_ok { "matches" } else { "DOES NOT MATCH" }
    );
    let signature = if frame.signature.is_empty() {
        "none (unsigned)"
    } else if pack::verify(&bytes, pack::TRUSTED_KEYS).is_ok() {
        "valid, by a key compiled into this Haven"
    } else {
        "present, not by a key compiled into this Haven (use `verify --public-key`)"
    };
    println!("signature:         {signature}");
    let content = match Content::from_json(frame.content) {
        Ok(c) => c,
        Err(problems) => {
            return Err(report(&problems).replace("no pack written", "content is invalid"));
        }
    };
    println!("organizations:     {}", content.organizations.len());
    println!("services:          {}", content.services.len());
    println!("locations:         {}", content.locations.len());
    println!("phones:            {}", content.phones.len());
    println!("schedules:         {}", content.schedules.len());
    println!("languages:         {}", content.languages.len());

    let texts = all_texts(&content);
    for locale in haven_core::Locale::ALL {
        let have = texts
            .iter()
            .filter(|(_, _, t)| t.get(locale).is_some())
            .count();
        println!("text in {locale}:        {have}/{}", texts.len());
    }
    for (table, id, t) in &texts {
        let missing = t.missing();
        if !missing.is_empty() {
            let tags: Vec<&str> = missing.iter().map(|l| l.tag()).collect();
            println!("missing translation: {table} {id}: {}", tags.join(", "));
        }
    }
    let threshold = (now - Duration::days(stale_days)).date_naive();
    let mut unverified = 0;
    let mut stale = 0;
    for (table, id, verified, verified_on) in provenance(&content) {
        if !verified {
            unverified += 1;
            println!("unverified: {table} {id}");
        }
        if chrono::NaiveDate::parse_from_str(verified_on, "%Y-%m-%d").is_ok_and(|d| d < threshold) {
            stale += 1;
            println!("stale (verified {verified_on}, over {stale_days} days ago): {table} {id}");
        }
    }
    println!("unverified entries: {unverified}");
    println!("stale entries:      {stale}");
    Ok(())
}

fn all_texts(c: &Content) -> Vec<(&'static str, &str, &hsds::Text)> {
    let mut out = Vec::new();
    for o in &c.organizations {
        out.push(("organization", o.id.as_str(), &o.name));
        out.extend(
            o.description
                .iter()
                .map(|t| ("organization", o.id.as_str(), t)),
        );
    }
    for s in &c.services {
        out.push(("service", s.id.as_str(), &s.name));
        out.extend(s.description.iter().map(|t| ("service", s.id.as_str(), t)));
    }
    for l in &c.locations {
        for t in [&l.name, &l.address_1, &l.city, &l.region]
            .into_iter()
            .flatten()
        {
            out.push(("location", l.id.as_str(), t));
        }
    }
    for p in &c.phones {
        out.extend(p.description.iter().map(|t| ("phone", p.id.as_str(), t)));
    }
    for s in &c.schedules {
        out.extend(s.description.iter().map(|t| ("schedule", s.id.as_str(), t)));
    }
    out
}

fn provenance(c: &Content) -> Vec<(&'static str, &str, bool, &str)> {
    let mut out = Vec::new();
    out.extend(c.organizations.iter().map(|o| {
        (
            "organization",
            o.id.as_str(),
            o.verified,
            o.verified_on.as_str(),
        )
    }));
    out.extend(
        c.services
            .iter()
            .map(|s| ("service", s.id.as_str(), s.verified, s.verified_on.as_str())),
    );
    out.extend(c.locations.iter().map(|l| {
        (
            "location",
            l.id.as_str(),
            l.verified,
            l.verified_on.as_str(),
        )
    }));
    out.extend(
        c.phones
            .iter()
            .map(|p| ("phone", p.id.as_str(), p.verified, p.verified_on.as_str())),
    );
    out.extend(c.schedules.iter().map(|s| {
        (
            "schedule",
            s.id.as_str(),
            s.verified,
            s.verified_on.as_str(),
        )
    }));
    out
}
