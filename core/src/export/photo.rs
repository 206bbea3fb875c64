//! A small printable copy of a photo for the report, so a printed page shows the injury the
//! entry describes.
//!
//! Why bounded and fallible: the bytes are hers, but they may come from anywhere (a messenger
//! download, a broken camera file) and the report runs on a phone. Decoding is capped in pixel
//! dimensions and in memory, only JPEG and PNG are understood, and any failure — including a
//! panic inside the decoder — yields `None`: the caller then lists the photo by name, size and
//! SHA-256 only, exactly as without embedding. The copy is re-encoded as a JPEG no larger than
//! [`MAX_SIDE`] pixels on its long side, turned upright by its EXIF orientation. The original's
//! size and SHA-256 stay the evidence; the copy is only for the eye.

use image::{DynamicImage, ImageDecoder, ImageReader, Limits};
use std::io::Cursor;

/// The long side of the printed copy, in pixels (about 8.5 cm at 300 dpi).
pub(crate) const MAX_SIDE: u32 = 1000;
/// Larger originals are not decoded at all (a 50 MiB attachment is allowed).
pub(crate) const MAX_INPUT_BYTES: usize = 40 * 1024 * 1024;
/// Largest width or height decoded (a 200-megapixel phone photo is 16 320 px wide).
const MAX_DIMENSION: u32 = 16_384;
/// Most memory the decoder may allocate (a 48-megapixel RGB photo needs 144 MiB).
const MAX_ALLOC: u64 = 192 * 1024 * 1024;
/// JPEG quality of the copy: enough to read bruises and text, about 100–250 KB.
const QUALITY: u8 = 80;

/// A downsampled JPEG copy.
pub(crate) struct PrintCopy {
    /// The JPEG bytes.
    pub jpeg: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl std::fmt::Debug for PrintCopy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PrintCopy")
            .field("width", &self.width)
            .field("height", &self.height)
            .finish_non_exhaustive()
    }
}

/// A printable copy of a JPEG or PNG, or `None` when it cannot be made safely.
pub(crate) fn print_copy(bytes: &[u8]) -> Option<PrintCopy> {
    if bytes.len() > MAX_INPUT_BYTES {
        return None;
    }
    // The decoders are not expected to panic; if one does on a hostile file, the report
    // still completes without this photo.
    std::panic::catch_unwind(|| decode_and_shrink(bytes)).ok()?
}

fn decode_and_shrink(bytes: &[u8]) -> Option<PrintCopy> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()?;
    match reader.format() {
        Some(image::ImageFormat::Jpeg | image::ImageFormat::Png) => {}
        _ => return None,
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    let mut img = DynamicImage::from_decoder(decoder).ok()?;
    img.apply_orientation(orientation);
    let small = if img.width() > MAX_SIDE || img.height() > MAX_SIDE {
        img.thumbnail(MAX_SIDE, MAX_SIDE)
    } else {
        img
    };
    let rgb = small.to_rgb8();
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, QUALITY)
        .encode_image(&rgb)
        .ok()?;
    Some(PrintCopy {
        jpeg,
        width: rgb.width(),
        height: rgb.height(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use image::{ImageFormat, RgbImage};

    fn encoded(width: u32, height: u32, format: ImageFormat) -> Vec<u8> {
        let img = RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Cursor::new(Vec::new());
        img.write_to(&mut out, format).unwrap();
        out.into_inner()
    }

    /// CRC-32 (IEEE), as PNG chunks use.
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = !0u32;
        for &b in bytes {
            crc ^= u32::from(b);
            for _ in 0..8 {
                crc = if crc & 1 == 1 {
                    (crc >> 1) ^ 0xEDB8_8320
                } else {
                    crc >> 1
                };
            }
        }
        !crc
    }

    #[test]
    fn the_test_crc_matches_an_encoded_png() {
        let png = encoded(3, 2, ImageFormat::Png);
        assert_eq!(crc32(&png[12..29]).to_be_bytes(), png[29..33]);
    }

    #[test]
    fn a_large_jpeg_is_shrunk_to_the_print_size_keeping_its_shape() {
        let copy = print_copy(&encoded(3000, 2000, ImageFormat::Jpeg)).unwrap();
        assert_eq!((copy.width, copy.height), (1000, 667));
        assert_eq!(&copy.jpeg[..3], &[0xFF, 0xD8, 0xFF], "a JPEG");
    }

    #[test]
    fn a_small_png_keeps_its_size() {
        let copy = print_copy(&encoded(300, 200, ImageFormat::Png)).unwrap();
        assert_eq!((copy.width, copy.height), (300, 200));
    }

    #[test]
    fn broken_truncated_or_unknown_files_give_no_copy_and_no_panic() {
        let jpeg = encoded(400, 300, ImageFormat::Jpeg);
        // A truncated JPEG may still give a partly grey copy (the decoder is lenient); what
        // matters is that it neither panics nor hangs. A header alone gives nothing.
        let _ = print_copy(&jpeg[..jpeg.len() / 3]);
        assert!(print_copy(&jpeg[..40]).is_none(), "header only");
        assert!(print_copy(b"not an image at all").is_none());
        assert!(print_copy(&[]).is_none());
        let mut png = encoded(40, 30, ImageFormat::Png);
        png[20] ^= 0xFF; // the IHDR's CRC no longer matches
        assert!(print_copy(&png).is_none());
    }

    #[test]
    fn a_png_claiming_huge_dimensions_is_refused_before_allocating() {
        // A valid header (with a correct CRC) for a 60 000 × 60 000 image with almost no data:
        // only the limits stop it, before 10 GiB are allocated.
        let mut png = encoded(1, 1, ImageFormat::Png);
        png[16..20].copy_from_slice(&60_000u32.to_be_bytes());
        png[20..24].copy_from_slice(&60_000u32.to_be_bytes());
        let crc = crc32(&png[12..29]);
        png[29..33].copy_from_slice(&crc.to_be_bytes());
        let started = std::time::Instant::now();
        assert!(print_copy(&png).is_none());
        assert!(started.elapsed().as_secs() < 2);
    }
}
