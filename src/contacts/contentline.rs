//! Content lines, the syntax vCard (2.1, RFC 2426, RFC 6350) and iCalendar
//! (RFC 5545) share: unfolding, groups and parameters on the way in;
//! escaping and folding at 75 octets with CRLF on the way out. Pure.

/// Longest physical line written, in octets, without its CRLF.
pub(crate) const MAX_LINE_OCTETS: usize = 75;

/// One unfolded line: its bytes and the physical line it starts on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RawLine {
    /// 1-based line in the file.
    pub line: usize,
    pub bytes: Vec<u8>,
}

/// A property: `group.NAME;PARAM=a,b:value`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Property {
    pub line: usize,
    /// `item1` in Apple's `item1.EMAIL`.
    pub group: Option<String>,
    /// Upper-cased.
    pub name: String,
    /// Upper-cased names with their values, quotes removed. vCard 2.1's bare
    /// parameters (`TEL;HOME;VOICE`) are read as `TYPE`, and its bare
    /// `QUOTED-PRINTABLE`/`BASE64` as `ENCODING`.
    pub params: Vec<(String, Vec<String>)>,
    /// The value as written (still escaped, still encoded).
    pub value: Vec<u8>,
}

impl Property {
    /// The values of parameter `name` (upper-case), all occurrences joined.
    pub(crate) fn param(&self, name: &str) -> impl Iterator<Item = &str> {
        self.params
            .iter()
            .filter(move |(n, _)| n == name)
            .flat_map(|(_, values)| values.iter().map(String::as_str))
    }

    /// Whether parameter `name` has `value`, ignoring case.
    pub(crate) fn has_param(&self, name: &str, value: &str) -> bool {
        self.param(name).any(|v| v.eq_ignore_ascii_case(value))
    }
}

/// Why a line is not a property.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum LineError {
    #[error("no ':' between the property name and its value")]
    NoColon,
    #[error("'{0}' is not a property name (letters, digits and '-' only)")]
    BadName(String),
}

/// Splits `bytes` into logical lines: CRLF, LF or CR line ends; a line
/// starting with a space or tab continues the one before (RFC 5545 §3.1);
/// a quoted-printable value ending in `=` continues on the next line
/// (vCard 2.1 soft line breaks). Blank lines are dropped.
pub(crate) fn unfold(bytes: &[u8]) -> Vec<RawLine> {
    let mut lines: Vec<RawLine> = Vec::new();
    for (index, physical) in physical_lines(bytes).into_iter().enumerate() {
        let number = index + 1;
        if let Some(last) = lines.last_mut() {
            if let Some((b' ' | b'\t', rest)) = physical.split_first() {
                last.bytes.extend_from_slice(rest);
                continue;
            }
            if last.bytes.ends_with(b"=") && is_quoted_printable(&last.bytes) {
                last.bytes.pop();
                last.bytes.extend_from_slice(physical);
                continue;
            }
        }
        if physical.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        lines.push(RawLine {
            line: number,
            bytes: physical.to_vec(),
        });
    }
    lines
}

/// Lines split at LF (a CR before it dropped), or at CR in files that
/// have no LF at all.
fn physical_lines(bytes: &[u8]) -> Vec<&[u8]> {
    let end = if !bytes.contains(&b'\n') && bytes.contains(&b'\r') {
        b'\r'
    } else {
        b'\n'
    };
    // A final line end does not start another line.
    let body = bytes.strip_suffix(&[end]).unwrap_or(bytes);
    if body.is_empty() {
        return Vec::new();
    }
    body.split(|&b| b == end)
        .map(|line| line.strip_suffix(b"\r").unwrap_or(line))
        .collect()
}

/// Whether the header of a line (before its first `:`) says
/// quoted-printable.
fn is_quoted_printable(line: &[u8]) -> bool {
    let header = header_end(line).map_or(line, |end| &line[..end]);
    header
        .windows(b"QUOTED-PRINTABLE".len())
        .any(|w| w.eq_ignore_ascii_case(b"QUOTED-PRINTABLE"))
}

/// The offset of the `:` that ends the name and parameters: the first one
/// outside double quotes.
fn header_end(line: &[u8]) -> Option<usize> {
    let mut quoted = false;
    for (at, &byte) in line.iter().enumerate() {
        match byte {
            b'"' => quoted = !quoted,
            b':' if !quoted => return Some(at),
            _ => {}
        }
    }
    None
}

/// Reads one logical line as a property.
pub(crate) fn parse(raw: &RawLine) -> Result<Property, LineError> {
    let end = header_end(&raw.bytes).ok_or(LineError::NoColon)?;
    let header = String::from_utf8_lossy(&raw.bytes[..end]);
    let mut parts = split_outside_quotes(&header, ';').into_iter();
    let full_name = parts.next().unwrap_or_default();
    let (group, name) = match full_name.rsplit_once('.') {
        Some((group, name)) => (Some(group.trim().to_string()), name),
        None => (None, full_name.as_str()),
    };
    let name = name.trim();
    if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
        return Err(LineError::BadName(name.escape_debug().to_string()));
    }
    let params = parts.filter_map(|param| parameter(&param)).collect();
    Ok(Property {
        line: raw.line,
        group,
        name: name.to_ascii_uppercase(),
        params,
        value: raw.bytes[end + 1..].to_vec(),
    })
}

fn parameter(text: &str) -> Option<(String, Vec<String>)> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let Some((name, values)) = text.split_once('=') else {
        let name = match text.to_ascii_uppercase().as_str() {
            "QUOTED-PRINTABLE" | "BASE64" | "8BIT" | "7BIT" | "B" => "ENCODING",
            _ => "TYPE",
        };
        return Some((name.to_string(), vec![text.to_string()]));
    };
    let values = split_outside_quotes(values, ',')
        .iter()
        .map(|v| caret_decode(v.trim().trim_matches('"')))
        .collect();
    Some((name.trim().to_ascii_uppercase(), values))
}

/// `text` split at `separator`s outside double quotes.
fn split_outside_quotes(text: &str, separator: char) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            c if c == separator && !quoted => parts.push(String::new()),
            c => {
                if c == '"' {
                    quoted = !quoted;
                }
                if let Some(part) = parts.last_mut() {
                    part.push(c);
                }
            }
        }
    }
    parts
}

/// RFC 6868 parameter escapes: `^n` newline, `^'` double quote, `^^` caret.
fn caret_decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, chars.peek()) {
            ('^', Some('n' | 'N')) => {
                out.push('\n');
                chars.next();
            }
            ('^', Some('\'')) => {
                out.push('"');
                chars.next();
            }
            ('^', Some('^')) => {
                out.push('^');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

/// Splits a value at `separator`s that are not escaped with a backslash,
/// leaving the escapes in place (for structured values: `N`, `ADR`, `ORG`
/// split at `;`, lists at `,`).
pub(crate) fn split_unescaped(value: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut escaped = false;
    for (at, c) in value.char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == separator {
            parts.push(&value[start..at]);
            start = at + c.len_utf8();
        }
    }
    parts.push(&value[start..]);
    parts
}

/// Undoes TEXT escaping: `\\`, `\,`, `\;`, `\:` and `\n`/`\N` (newline).
/// Any other backslash is kept as written.
pub(crate) fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.peek() {
            Some('n' | 'N') => out.push('\n'),
            Some(&next @ ('\\' | ',' | ';' | ':')) => out.push(next),
            _ => {
                out.push('\\');
                continue;
            }
        }
        chars.next();
    }
    out
}

/// Escapes TEXT for a value: backslash, comma and semicolon get a
/// backslash, CR and LF line breaks become `\n`, other control characters
/// (which the RFCs forbid) are dropped; tabs become spaces. Unicode line
/// and paragraph separators are ordinary characters there and are kept.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | ',' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` to `out` folded: physical lines of at most 75 octets
/// (continuations start with a space, which counts), never inside a UTF-8
/// character or between a backslash and the character it escapes, each
/// ended with CRLF.
pub(crate) fn fold_into(out: &mut String, line: &str) {
    let mut rest = line;
    let mut limit = MAX_LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        if ends_in_lone_backslash(&rest[..cut]) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = MAX_LINE_OCTETS - 1;
    }
}

/// Whether `text` ends with a backslash that escapes what follows.
fn ends_in_lone_backslash(text: &str) -> bool {
    let run = text.bytes().rev().take_while(|&b| b == b'\\').count();
    run % 2 == 1
}

/// A UUID-shaped identifier derived from `text` alone (two FNV-1a
/// hashes, marked as a version 8 UUID), so that the same note always gets
/// the same UID and a calendar or address book updates instead of
/// duplicating. Not for secrets: it only needs to be stable and spread.
pub fn stable_uuid(text: &str) -> String {
    let hash = |offset: u64| {
        text.bytes().fold(offset, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let high = (hash(0xcbf2_9ce4_8422_2325) & !0xf000) | 0x8000;
    let low = (hash(0x6c62_272e_07bb_0142) & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(usize, String)> {
        unfold(text.as_bytes())
            .into_iter()
            .map(|l| (l.line, String::from_utf8(l.bytes).unwrap()))
            .collect()
    }

    #[test]
    fn unfolds_space_and_tab_continuations_and_keeps_line_numbers() {
        assert_eq!(
            lines("BEGIN:VCARD\r\nNOTE:one\r\n  two\r\n\tthree\r\n\r\nEND:VCARD\r\n"),
            vec![
                (1, "BEGIN:VCARD".into()),
                (2, "NOTE:one twothree".into()),
                (6, "END:VCARD".into())
            ]
        );
    }

    #[test]
    fn lf_only_and_cr_only_files_split_too() {
        assert_eq!(lines("A:1\nB:2").len(), 2);
        assert_eq!(lines("A:1\rB:2\r").len(), 2);
    }

    #[test]
    fn quoted_printable_soft_breaks_join_lines() {
        assert_eq!(
            lines("NOTE;ENCODING=QUOTED-PRINTABLE:abc=\r\ndef=0D=0A=\r\nghi\r\nX:1=\r\nY:2\r\n"),
            vec![
                (1, "NOTE;ENCODING=QUOTED-PRINTABLE:abcdef=0D=0Aghi".into()),
                (4, "X:1=".into()),
                (5, "Y:2".into())
            ]
        );
    }

    #[test]
    fn parses_groups_parameters_and_bare_2_1_parameters() {
        let raw = RawLine {
            line: 3,
            bytes: b"item1.EMAIL;type=INTERNET;type=pref;X-LABEL=\"a;b:c\":ada@example.com"
                .to_vec(),
        };
        let p = parse(&raw).unwrap();
        assert_eq!(p.group.as_deref(), Some("item1"));
        assert_eq!(p.name, "EMAIL");
        assert!(p.has_param("TYPE", "PREF"));
        assert_eq!(p.param("X-LABEL").collect::<Vec<_>>(), ["a;b:c"]);
        assert_eq!(p.value, b"ada@example.com");

        let raw = RawLine {
            line: 1,
            bytes: b"tel;HOME;VOICE;QUOTED-PRINTABLE;TYPE=cell,work:+1".to_vec(),
        };
        let p = parse(&raw).unwrap();
        assert_eq!(p.name, "TEL");
        assert_eq!(
            p.param("TYPE").collect::<Vec<_>>(),
            ["HOME", "VOICE", "cell", "work"]
        );
        assert!(p.has_param("ENCODING", "quoted-printable"));
    }

    #[test]
    fn lines_that_are_not_properties_are_errors() {
        let raw = |text: &str| RawLine {
            line: 1,
            bytes: text.as_bytes().to_vec(),
        };
        assert_eq!(parse(&raw("no colon here")), Err(LineError::NoColon));
        assert!(matches!(
            parse(&raw("bad name:x")),
            Err(LineError::BadName(_))
        ));
        assert!(matches!(parse(&raw(":x")), Err(LineError::BadName(_))));
    }

    #[test]
    fn escape_and_unescape_round_trip() {
        for text in [
            "a,b;c\\d",
            "two\nlines",
            "Zoë; \\n literally",
            "",
            "\\",
            "line\u{2028}and\u{2029}paragraph",
        ] {
            assert_eq!(unescape(&escape(text)), text, "{text:?}");
        }
        assert_eq!(escape("a\r\nb\tc\u{7}"), "a\\nb c");
        assert_eq!(escape("a\u{2028}b"), "a\u{2028}b");
        assert_eq!(unescape("C:\\Temp\\N"), "C:\\Temp\n");
        assert_eq!(unescape("keep \\x"), "keep \\x");
    }

    #[test]
    fn splits_only_at_unescaped_separators() {
        assert_eq!(
            split_unescaped("Lovelace;Ada\\;Augusta;;", ';'),
            ["Lovelace", "Ada\\;Augusta", "", ""]
        );
        assert_eq!(split_unescaped("a\\\\,b", ','), ["a\\\\", "b"]);
    }

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        for text in [
            "x".repeat(200),
            "é".repeat(100),
            "🎂".repeat(50),
            format!("{}\\,{}", "a".repeat(73), "b".repeat(80)),
        ] {
            let line = format!("SUMMARY:{text}");
            let mut out = String::new();
            fold_into(&mut out, &line);
            assert!(out.ends_with("\r\n"));
            for physical in out.split("\r\n").filter(|l| !l.is_empty()) {
                assert!(physical.len() <= MAX_LINE_OCTETS, "{physical:?}");
                assert!(!physical.ends_with('\\') || physical.ends_with("\\\\"));
            }
            let back = unfold(out.as_bytes());
            assert_eq!(back.len(), 1);
            assert_eq!(String::from_utf8(back[0].bytes.clone()).unwrap(), line);
        }
    }

    #[test]
    fn short_lines_are_not_folded() {
        let mut out = String::new();
        fold_into(&mut out, &"x".repeat(75));
        assert_eq!(out, format!("{}\r\n", "x".repeat(75)));
    }

    #[test]
    fn caret_escapes_in_parameters() {
        assert_eq!(caret_decode("a^nb^'c^^d^x"), "a\nb\"c^d^x");
    }

    #[test]
    fn stable_uuids_are_stable_distinct_and_shaped_like_uuids() {
        let a = stable_uuid("people/Ada Lovelace.md");
        assert_eq!(a, stable_uuid("people/Ada Lovelace.md"));
        assert_ne!(a, stable_uuid("people/Ada Lovelace.md\n"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "8");
        assert!(matches!(&a[19..20], "8" | "9" | "a" | "b"), "{a}");
        assert_eq!(stable_uuid(""), "cbf29ce4-8422-8325-ac62-272e07bb0142");
    }
}
