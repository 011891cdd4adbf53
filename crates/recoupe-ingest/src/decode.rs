//! Bytes to text: byte-order marks, UTF-8 validation, binary detection, line endings,
//! and the character encoding of HTML pages.
//!
//! Plain text must be UTF-8 (or carry a UTF-16 byte-order mark): anything else is
//! refused with the byte offset of the first bad sequence, so that a user can fix the
//! file rather than get silently garbled words. HTML pages follow the browsers' order:
//! byte-order mark, then the charset the page declares (`<meta charset>`, `http-equiv`
//! content type, XML declaration), then UTF-8 if the bytes are valid UTF-8, then a guess
//! by `chardetng`. All decoding is done by `encoding_rs`.
//!
//! This module does not look at what the text says; it only turns bytes into a `String`
//! with `\n` line endings.

use encoding_rs::{Encoding, UTF_8};
use regex::bytes::Regex;
use std::sync::LazyLock;

/// How many leading bytes are examined to tell text from binary data.
const SNIFF_LEN: usize = 8192;

/// How many leading bytes of an HTML page are searched for a charset declaration
/// (browsers look at 1024; pages with long heads declare it later in practice).
const CHARSET_SCAN_LEN: usize = 8192;

/// Why bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// NUL bytes or mostly control characters.
    Binary,
    /// Not UTF-8; `offset` is the byte offset of the first invalid sequence.
    InvalidUtf8 {
        offset: usize,
        guess: Option<&'static str>,
    },
}

impl std::fmt::Display for DecodeProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeProblem::Binary => write!(f, "binary file (NUL bytes or control characters), not text"),
            DecodeProblem::InvalidUtf8 { offset, guess: Some(g) } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {offset}; it looks like {g}): convert the file to UTF-8"
            ),
            DecodeProblem::InvalidUtf8 { offset, guess: None } => {
                write!(f, "not valid UTF-8 (first bad byte at offset {offset}): convert the file to UTF-8")
            }
        }
    }
}

/// True when `bytes` look like binary data rather than text in an ASCII-compatible
/// encoding: a NUL byte, or more than a tenth of control characters, in the first bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    if head.contains(&0) {
        return true;
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 10 > head.len()
}

/// Plain text: a byte-order mark picks the encoding (and is dropped); otherwise the
/// bytes must be UTF-8. Line endings become `\n`.
pub fn decode_text(bytes: &[u8]) -> Result<String, DecodeProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if enc != UTF_8 {
            // UTF-16 with its mark: NUL bytes are expected, so no binary check.
            let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
            return Ok(normalize_newlines(text.into_owned()));
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if looks_binary(body) {
        return Err(DecodeProblem::Binary);
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok(normalize_newlines(s.to_string())),
        Err(e) => Err(DecodeProblem::InvalidUtf8 {
            offset: e.valid_up_to() + (bytes.len() - body.len()),
            guess: guess_encoding(body),
        }),
    }
}

/// An HTML page: byte-order mark, declared charset, UTF-8, or a guess, in that order.
/// Invalid sequences become U+FFFD, as in a browser. Line endings become `\n`.
pub fn decode_html(bytes: &[u8]) -> Result<String, DecodeProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(normalize_newlines(text.into_owned()));
    }
    if looks_binary(bytes) {
        return Err(DecodeProblem::Binary);
    }
    let enc = declared_charset(bytes).unwrap_or_else(|| {
        if std::str::from_utf8(bytes).is_ok() {
            UTF_8
        } else {
            sniff(bytes)
        }
    });
    let (text, _) = enc.decode_without_bom_handling(bytes);
    Ok(normalize_newlines(text.into_owned()))
}

/// The encoding an HTML page declares in its head, if `encoding_rs` knows the label.
/// A declared UTF-16 means UTF-8 (the page could not have been parsed otherwise).
pub fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static META: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.+\-]+)"#)
            .expect("valid regex")
    });
    static XML: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i-u)^\s*<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_:.+\-]+)"#)
            .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(CHARSET_SCAN_LEN)];
    let label = META
        .captures(head)
        .or_else(|| XML.captures(head))?
        .get(1)?
        .as_bytes();
    Encoding::for_label(label).map(Encoding::output_encoding)
}

/// The most likely legacy encoding of bytes that are not UTF-8, by `chardetng`.
fn sniff(bytes: &[u8]) -> &'static Encoding {
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, chardetng::Utf8Detection::Deny)
}

/// The name of the likely encoding of non-UTF-8 text, for messages.
fn guess_encoding(bytes: &[u8]) -> Option<&'static str> {
    let enc = sniff(bytes);
    (enc != UTF_8).then(|| enc.name())
}

/// `\r\n` and lone `\r` become `\n`.
pub fn normalize_newlines(text: String) -> String {
    if !text.contains('\r') {
        return text;
    }
    text.replace("\r\n", "\n").replace('\r', "\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped_and_crlf_normalized() {
        let t =
            decode_text(b"\xEF\xBB\xBFLe maire a parl\xC3\xA9.\r\nIl a tout dit.\rFin.").unwrap();
        assert_eq!(t, "Le maire a parlé.\nIl a tout dit.\nFin.");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Un été chaud.".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode_text(&bytes).unwrap(), "Un été chaud.");
    }

    #[test]
    fn invalid_utf8_gives_offset_and_guess() {
        let err = decode_text(b"La ville d'\xC9vry a vot\xE9 hier soir pour le nouveau maire.")
            .unwrap_err();
        match &err {
            DecodeProblem::InvalidUtf8 { offset, .. } => assert_eq!(*offset, 11),
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("offset 11"), "{err}");
    }

    #[test]
    fn offset_counts_the_bom() {
        let err = decode_text(b"\xEF\xBB\xBFab\xFFcd").unwrap_err();
        assert!(
            matches!(err, DecodeProblem::InvalidUtf8 { offset: 5, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn nul_bytes_and_control_characters_are_binary() {
        assert_eq!(
            decode_text(b"PK\x03\x04\x00\x00abc"),
            Err(DecodeProblem::Binary)
        );
        assert_eq!(
            decode_text(&[1u8, 2, 3, 4, 5, 6, b'a', b'b']),
            Err(DecodeProblem::Binary)
        );
        assert!(!looks_binary(
            "Une phrase ordinaire,\tavec une tabulation.\n".as_bytes()
        ));
    }

    #[test]
    fn html_meta_charset_windows_1252() {
        let page = b"<html><head><meta charset=\"windows-1252\"><title>D\xE9bat</title></head><body><p>L\x92\xE9t\xE9 fut long.</p></body></html>";
        let t = decode_html(page).unwrap();
        assert!(t.contains("Débat"), "{t}");
        assert!(t.contains("L\u{2019}été fut long."), "{t}");
    }

    #[test]
    fn html_http_equiv_iso_8859_1() {
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body><p>Le pr\xE9fet \xE0 Lyon.</p></body></html>";
        assert_eq!(
            declared_charset(page).map(|e| e.name()),
            Some("windows-1252")
        );
        assert!(decode_html(page).unwrap().contains("Le préfet à Lyon."));
    }

    #[test]
    fn html_xml_declaration() {
        let page = b"<?xml version=\"1.0\" encoding=\"iso-8859-15\"?><html><body><p>Co\xFBt : 5 \xA4</p></body></html>";
        assert!(decode_html(page).unwrap().contains("Coût : 5 €"));
    }

    #[test]
    fn html_undeclared_legacy_is_sniffed() {
        let mut page = b"<html><body><p>".to_vec();
        page.extend_from_slice(b"Le d\xE9put\xE9 a d\xE9clar\xE9 que la r\xE9forme \xE9tait n\xE9cessaire et urgente pour la r\xE9gion. ".repeat(4).as_slice());
        page.extend_from_slice(b"</p></body></html>");
        let t = decode_html(&page).unwrap();
        assert!(t.contains("Le député a déclaré que la réforme"), "{t}");
    }

    #[test]
    fn html_declared_utf8_with_a_stray_byte_is_kept() {
        let page = b"<meta charset=utf-8><p>Caf\xC3\xA9 \xC8 cr\xC3\xA8me</p>";
        let t = decode_html(page).unwrap();
        assert!(t.contains("Café \u{FFFD} crème"), "{t}");
    }

    #[test]
    fn unknown_label_falls_back() {
        let page = "<meta charset=\"x-nonsense\"><p>Déjà vu</p>".as_bytes();
        assert!(decode_html(page).unwrap().contains("Déjà vu"));
    }
}
