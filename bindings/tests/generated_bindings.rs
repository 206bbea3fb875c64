//! The generated Kotlin and Swift that the binding tests were compiled against must be exactly
//! what the current library generates.
//!
//! `bindings/kotlin/run-tests.sh` and `bindings/swift/run-tests.sh` generate the bindings from
//! the library they build, compile their tests against them, and record a SHA-256 list of what
//! they generated. This test regenerates both languages from the library built for this very
//! test run (target/<profile>/deps/libhaven_ffi.so) with the same pinned uniffi and the same
//! configuration, and compares file by file with the generated files in place and with the
//! recorded lists. Change the FFI surface (or a doc comment that ends up in the bindings) and
//! rebuild without rerunning the scripts, and this fails, naming the stale files.
//!
//! Without the scripts' output (a plain `cargo test` on a fresh checkout) there is nothing to
//! compare with; `HAVEN_REQUIRE_GENERATED_BINDINGS=1` (set by bindings/run-all-tests.sh) makes
//! that a failure. The other tests here check the two Kotlin configurations and hold always.

use camino::{Utf8Path, Utf8PathBuf};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use uniffi_bindgen::bindings::{
    generate, generate_swift_bindings, GenerateOptions, SwiftBindingsOptions, TargetLanguage,
};

fn bindings_dir() -> Utf8PathBuf {
    Utf8PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The library cargo built for this very test run, beside the test binary in
/// target/<profile>/deps (`cargo test` does not copy it up to target/<profile>).
fn library() -> Utf8PathBuf {
    let exe = std::env::current_exe().expect("test executable path");
    let deps = exe.parent().expect("target/<profile>/deps");
    let name = if cfg!(target_os = "macos") {
        "libhaven_ffi.dylib"
    } else {
        "libhaven_ffi.so"
    };
    let lib = Utf8PathBuf::from_path_buf(deps.join(name)).expect("UTF-8 target path");
    assert!(lib.exists(), "{lib} was not built");
    lib
}

/// Relative path (`./a/b.kt`, as `find .` prints it) → SHA-256 hex, for every file under `dir`.
fn hashes(dir: &Utf8Path) -> BTreeMap<String, String> {
    fn walk(root: &Utf8Path, dir: &Utf8Path, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).expect("read generated directory") {
            let path = Utf8PathBuf::from_path_buf(entry.expect("dir entry").path()).expect("UTF-8");
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                let digest = Sha256::digest(fs::read(&path).expect("read generated file"));
                let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
                out.insert(format!("./{rel}"), hex);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// Parses a `sha256sum` list (`<hex>  <path>`).
fn recorded(list: &Utf8Path) -> BTreeMap<String, String> {
    fs::read_to_string(list)
        .expect("read hash list")
        .lines()
        .filter_map(|line| line.split_once("  "))
        .map(|(hash, path)| (path.to_owned(), hash.to_owned()))
        .collect()
}

fn kotlin(out: &Utf8Path, config: Option<&str>) {
    generate(GenerateOptions {
        languages: vec![TargetLanguage::Kotlin],
        source: library(),
        out_dir: out.to_owned(),
        config_override: config.map(|c| bindings_dir().join(c)),
        format: false,
        crate_filter: None,
        metadata_no_deps: false,
    })
    .expect("generate Kotlin");
}

/// Swift laid out as in the SwiftPM package: Swift sources under HavenCore/, headers and the
/// modulemap under HavenCoreFFI/ (as bindings/swift/run-tests.sh places them).
fn swift(out: &Utf8Path) {
    let flat = out.join("flat");
    generate_swift_bindings(SwiftBindingsOptions {
        generate_swift_sources: true,
        generate_headers: true,
        generate_modulemap: true,
        source: library(),
        out_dir: flat.clone(),
        module_name: Some("HavenCoreFFI".into()),
        modulemap_filename: Some("module.modulemap".into()),
        ..Default::default()
    })
    .expect("generate Swift");
    for dir in ["HavenCore", "HavenCoreFFI"] {
        fs::create_dir_all(out.join(dir)).expect("mkdir");
    }
    for entry in fs::read_dir(&flat).expect("read generated Swift") {
        let path = Utf8PathBuf::from_path_buf(entry.expect("entry").path()).expect("UTF-8");
        let dir = if path.extension() == Some("swift") {
            "HavenCore"
        } else {
            "HavenCoreFFI"
        };
        fs::rename(&path, out.join(dir).join(path.file_name().expect("name"))).expect("move");
    }
    fs::remove_dir(flat).expect("rmdir");
}

fn tempdir() -> (tempfile::TempDir, Utf8PathBuf) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = Utf8PathBuf::from_path_buf(tmp.path().to_owned()).expect("UTF-8");
    (tmp, path)
}

/// Compares `fresh` with the files in place and with the recorded list (absent script output
/// is a failure only when required).
fn compare(language: &str, fresh: &BTreeMap<String, String>, in_place: &Utf8Path, list: &Utf8Path) {
    let required = std::env::var("HAVEN_REQUIRE_GENERATED_BINDINGS").is_ok_and(|v| v == "1");
    if !list.exists() || !in_place.exists() {
        assert!(
            !required,
            "{language}: no generated bindings at {in_place} (run its run-tests.sh first)"
        );
        eprintln!("{language}: no generated bindings yet at {in_place}; nothing to compare");
        return;
    }
    for (what, other) in [
        ("the files in place", hashes(in_place)),
        ("the recorded list", recorded(list)),
    ] {
        let stale: BTreeSet<_> = fresh
            .keys()
            .chain(other.keys())
            .filter(|path| fresh.get(*path) != other.get(*path))
            .collect();
        assert!(
            stale.is_empty(),
            "{language} bindings compiled by the tests ({what}, {in_place}) differ from what the \
             current library generates: {stale:?}. Rerun bindings/run-all-tests.sh."
        );
    }
}

#[test]
fn kotlin_bindings_the_tests_compiled_match_the_library() {
    let (_tmp, out) = tempdir();
    kotlin(&out, Some("uniffi-jvm.toml"));
    let fresh = hashes(&out);
    assert!(
        fresh.contains_key("./org/haven/core/haven_ffi.kt"),
        "{fresh:?}"
    );
    assert!(
        fresh.contains_key("./org/haven/core/model/haven_core.kt"),
        "{fresh:?}"
    );
    let kotlin_dir = bindings_dir().join("kotlin/target");
    compare(
        "Kotlin",
        &fresh,
        &kotlin_dir.join("generated-sources/uniffi"),
        &kotlin_dir.join("generated.sha256"),
    );
}

#[test]
fn swift_bindings_the_tests_compiled_match_the_library() {
    let (_tmp, out) = tempdir();
    swift(&out);
    let fresh = hashes(&out);
    for file in [
        "./HavenCore/HavenCore.swift",
        "./HavenCore/HavenCoreModel.swift",
        "./HavenCoreFFI/haven_ffiFFI.h",
        "./HavenCoreFFI/haven_coreFFI.h",
        "./HavenCoreFFI/module.modulemap",
    ] {
        assert!(fresh.contains_key(file), "{file} missing: {fresh:?}");
    }
    let swift_dir = bindings_dir().join("swift");
    compare(
        "Swift",
        &fresh,
        &swift_dir.join("Sources"),
        &swift_dir.join(".generated.sha256"),
    );
}

fn read_all(dir: &Utf8Path) -> String {
    hashes(dir)
        .keys()
        .map(|rel| fs::read_to_string(dir.join(rel.trim_start_matches("./"))).expect("read"))
        .collect()
}

#[test]
fn android_config_uses_the_android_cleaner_and_the_jvm_config_does_not() {
    let (_a, android) = tempdir();
    kotlin(&android, None); // the crates' own uniffi.toml: the apps' configuration
    let (_j, jvm) = tempdir();
    kotlin(&jvm, Some("uniffi-jvm.toml"));
    let android = read_all(&android);
    let jvm = read_all(&jvm);
    assert!(android.contains("android.system.SystemCleaner"));
    assert!(!jvm.contains("android.system.SystemCleaner"));
    assert!(jvm.contains("java.lang.ref.Cleaner"));
    for code in [&android, &jvm] {
        assert!(code.contains("package org.haven.core\n"));
        assert!(code.contains("package org.haven.core.model\n"));
        // omit_checksums: no API checksum is checked at load time (the contract version is).
        assert!(!code.contains("uniffiCheckApiChecksums"));
        assert!(code.contains("uniffiCheckContractApiVersion(this)"));
    }
}
