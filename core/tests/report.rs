//! The printed report in her chosen language: every revision action and kind is a label in
//! that language (no raw ids), and photos can be embedded as small copies captioned with the
//! original's size and SHA-256, while a photo that cannot be decoded is only listed.
//!
//! Set `HAVEN_SAMPLE_REPORTS=DIR` to also write the rendered sample reports there (fictional
//! data only), e.g. to print them to PDF and look at them.
#![allow(clippy::unwrap_used)]

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::{pin, TestVault, PIN};
use haven_core::{
    AttachmentDraft, AttachmentKind, ChainStatus, EntryDraft, IncidentKind, Locale, ReportRequest,
    ReportSelection, Session,
};
use image::{ImageFormat, Rgb, RgbImage};
use std::io::Cursor;

fn draft(narrative: &str, day: u32) -> EntryDraft {
    EntryDraft {
        occurred_at: Utc.with_ymd_and_hms(2026, 2, day, 15, 0, 0).unwrap(),
        time_zone: "Asia/Almaty".into(),
        kinds: vec![IncidentKind::Physical, IncidentKind::Threats],
        narrative: narrative.into(),
        injuries: Some("Синяк на левом плече / Сол иықта көгеру".into()),
        witnesses: Some("Соседка".into()),
        place: Some("Дома".into()),
        police_involved: true,
        police_reference: Some("КУИ 4512".into()),
        medical_involved: true,
        medical_reference: None,
    }
}

/// A fictional "bruise" photo: a large image, so the copy must be downsampled.
fn photo(format: ImageFormat, width: u32, height: u32) -> Vec<u8> {
    let img = RgbImage::from_fn(width, height, |x, y| {
        let (cx, cy) = (width as f32 / 2.0, height as f32 / 2.0);
        let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt() / cx;
        if d < 0.5 {
            Rgb([120, 60, (140.0 + 80.0 * d) as u8])
        } else {
            Rgb([224, 182, 160])
        }
    });
    let mut out = Cursor::new(Vec::new());
    img.write_to(&mut out, format).unwrap();
    out.into_inner()
}

fn attach(s: &Session, entry: i64, name: &str, mime: &str, bytes: &[u8]) -> String {
    s.add_attachment_bytes(
        entry,
        &AttachmentDraft {
            kind: AttachmentKind::Photo,
            file_name: Some(name.into()),
            mime_type: mime.into(),
        },
        bytes,
    )
    .unwrap()
    .sha256
}

struct Fixture {
    _tv: TestVault,
    session: Session,
    hashes: Vec<String>,
}

fn fixture() -> Fixture {
    let tv = TestVault::new();
    let s = tv.vault.setup(TestVault::setup_options()).unwrap();
    let a = s
        .add_journal_entry(&draft("Он ударил меня в плечо и забрал телефон.", 10))
        .unwrap();
    let jpeg = attach(
        &s,
        a.id,
        "плечо.jpg",
        "image/jpeg",
        &photo(ImageFormat::Jpeg, 2400, 1800),
    );
    tv.clock.advance(Duration::minutes(5));
    s.edit_journal_entry(
        a.id,
        &draft("Он ударил меня в плечо и забрал мой телефон.", 10),
    )
    .unwrap();
    let b = s
        .add_journal_entry(&draft("Угрожал по телефону.", 12))
        .unwrap();
    let png = attach(
        &s,
        b.id,
        "screenshot.png",
        "image/png",
        &photo(ImageFormat::Png, 600, 900),
    );
    let broken = attach(
        &s,
        b.id,
        "broken.jpg",
        "image/jpeg",
        b"\xFF\xD8\xFF not really a jpeg",
    );
    s.hide_journal_entry(b.id).unwrap();
    s.restore_journal_entry(b.id).unwrap();
    Fixture {
        _tv: tv,
        session: s,
        hashes: vec![jpeg, png, broken],
    }
}

fn request(locale: Locale, embed_photos: bool) -> ReportRequest {
    ReportRequest {
        selection: ReportSelection::Between {
            from: Utc.with_ymd_and_hms(2026, 2, 1, 0, 0, 0).unwrap(),
            to: Utc.with_ymd_and_hms(2026, 3, 1, 0, 0, 0).unwrap(),
        },
        locale,
        include_hidden: true,
        embed_photos,
    }
}

fn sample(name: &str, html: &str) {
    if let Some(dir) = std::env::var_os("HAVEN_SAMPLE_REPORTS") {
        std::fs::write(std::path::Path::new(&dir).join(name), html).unwrap();
    }
}

const RAW_ACTIONS: [&str; 6] = ["create", "edit", "attach", "hide", "restore", "erase"];

fn assert_no_raw_ids(html: &str) {
    for id in RAW_ACTIONS
        .iter()
        .chain(&["physical", "threats", "photo", "document", "audio"])
    {
        assert!(
            !html.contains(&format!(">{id}<")),
            "raw id {id} in the report"
        );
        assert!(
            !html.contains(&format!(">{id} ")),
            "raw id {id} in the report"
        );
    }
}

#[test]
fn a_russian_report_labels_every_action_and_embeds_decodable_photos() {
    let f = fixture();
    let html = f
        .session
        .export_report(&pin(PIN), &request(Locale::Ru, true))
        .unwrap();
    sample("report-ru.html", &html);
    for label in [
        "Запись создана",
        "Добавлено вложение",
        "Запись изменена",
        "Запись скрыта",
        "Запись снова показана",
        "История изменений",
        "Физическое насилие",
    ] {
        assert!(html.contains(label), "missing {label}");
    }
    assert_no_raw_ids(&html);
    // Two decodable photos become two figures; the broken one is listed, not shown.
    assert_eq!(html.matches("data:image/jpeg;base64,").count(), 2);
    assert_eq!(html.matches("<figure>").count(), 2);
    assert!(html.contains("Это фото не удалось показать"));
    for hash in &f.hashes {
        assert!(
            html.contains(hash.as_str()),
            "every attachment's hash stays listed"
        );
    }
    // The large JPEG is downsampled to the print size, keeping its shape.
    assert!(html.contains("width=\"1000\" height=\"750\""));
    assert!(
        html.contains("width=\"600\" height=\"900\""),
        "small images keep their size"
    );
    // Chain head and verification line as before.
    match f.session.verify_chain().unwrap() {
        ChainStatus::Intact(h) => assert!(html.contains(&h.head)),
        ChainStatus::Broken(b) => panic!("{b:?}"),
    }
    assert!(html.contains("Цепочка хешей проверена"));
    assert!(!html.contains("http"), "still self-contained");
}

#[test]
fn a_kazakh_report_without_embedding_lists_photos_by_hash_only() {
    let f = fixture();
    let html = f
        .session
        .export_report(&pin(PIN), &request(Locale::Kk, false))
        .unwrap();
    sample("report-kk-no-photos.html", &html);
    assert!(html.contains("Жазба жасалды"));
    assert!(html.contains("Тіркеме қосылды"));
    assert!(html.contains("Өзгерістер тарихы"));
    assert!(
        !html.contains(">Нұсқа<"),
        "«нұсқа» next to «нұсқама» confused readers"
    );
    assert_no_raw_ids(&html);
    assert!(!html.contains("data:image"));
    assert!(!html.contains("<figure>"));
    for hash in &f.hashes {
        assert!(html.contains(hash.as_str()));
    }
    let with_photos = f
        .session
        .export_report(&pin(PIN), &request(Locale::Kk, true))
        .unwrap();
    sample("report-kk.html", &with_photos);
    assert!(with_photos.contains("Басып шығаруға арналған кішірейтілген көшірме"));
    let en = f
        .session
        .export_report(&pin(PIN), &request(Locale::En, true))
        .unwrap();
    sample("report-en.html", &en);
    assert!(en.contains("Entry created") && en.contains("Attachment added"));
    assert_no_raw_ids(&en);
}
