//! vCard files: reading the cards of an address book export (2.1, 3.0 and
//! 4.0; Apple, Google, Android, khard) as [`Contact`]s, and writing
//! contacts as vCard 4.0 (RFC 6350). Pure: bytes in, text out.
//!
//! Inside a card, a line that is not a property (no `:`, or a name with
//! characters RFC 6350 §3.3 does not allow, such as `X_CUSTOM`) is left
//! out with a warning naming its line, not taken as proof that the file
//! is no vCard: the RFCs give the grammar but do not ask a reader to
//! reject the whole address book for one line, and exporters do write
//! such lines. Lines after a vCard 2.1 BASE64 value that carry on its data
//! without the indent folding needs (old phones' photos) are part of that
//! binary value, which kith leaves out anyway, and are skipped quietly.
//! Before the first card, such a line still means the file is no vCard.

use chrono::NaiveDate;

use crate::contacts::contact::Contact;
use crate::contacts::contentline::{self, Property, escape, fold_into, split_unescaped, unescape};
use crate::note::cadence::Birthday;
use crate::note::fields::{Field, Value};

/// A file that is not a vCard file kith can read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct VcardError {
    /// The file, as given.
    pub file: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong there.
    pub message: String,
}

/// One card of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The line of its `BEGIN:VCARD`.
    pub line: usize,
    /// The person, or why the card holds none (no name, a group).
    pub contact: Result<Contact, String>,
    /// Values kith read but could not use, as `(line, message)`.
    pub warnings: Vec<(usize, String)>,
}

/// Google's group of every contact: not a tag anyone chose.
const IGNORED_CATEGORIES: &[&str] = &["myContacts", "starred"];

/// A card being read: where it starts, its properties, its warnings.
struct Open {
    line: usize,
    properties: Vec<Property>,
    warnings: Vec<(usize, String)>,
    /// The last property read holds vCard 2.1 BASE64 data, which may go
    /// on in lines without an indent.
    in_base64: bool,
}

/// Reads every card of a file (`file` names it in errors). A file that is
/// not UTF-8, UTF-8 with a BOM or UTF-16 with a BOM, holds no card, does
/// not start with one or has a card without its end is an error naming
/// the line. Lines of a card that are not properties are left out with a
/// warning (see the module's notes).
pub fn parse(file: &str, bytes: &[u8]) -> Result<Vec<Card>, VcardError> {
    let error = |line: usize, message: String| VcardError {
        file: file.to_string(),
        line,
        message,
    };
    let bytes = decode_file(bytes).map_err(|message| error(1, message))?;
    let mut cards = Vec::new();
    let mut current: Option<Open> = None;
    // Cards nested in a card (vCard 2.1's AGENT) belong to that card.
    let mut nested = 0usize;
    for raw in contentline::unfold(&bytes) {
        let property = match (contentline::parse(&raw), &mut current) {
            (Ok(property), _) => property,
            (Err(_), Some(open)) if open.in_base64 && is_base64(&raw.bytes) => continue,
            (Err(e), open) => {
                let message = format!("{e}: '{}'", shown(&raw.bytes));
                let Some(open) = open else {
                    return Err(error(raw.line, message));
                };
                open.warnings
                    .push((raw.line, format!("{message}; line left out")));
                continue;
            }
        };
        let value = String::from_utf8_lossy(&property.value);
        let is_card = value.trim().eq_ignore_ascii_case("VCARD");
        if let Some(open) = &mut current {
            open.in_base64 = is_binary(&property);
        }
        match (&mut current, property.name.as_str()) {
            (None, "BEGIN") if is_card => {
                current = Some(Open {
                    line: property.line,
                    properties: Vec::new(),
                    warnings: Vec::new(),
                    in_base64: false,
                });
            }
            (None, _) => {
                // The line after BEGIN:VCARD indented: read as part of it.
                let why = if property.name == "BEGIN" && starts_a_card(&value) {
                    "a line that starts with a space or tab continues the line before it; \
                     remove the indent of the line after BEGIN:VCARD"
                } else {
                    "is this a vCard (.vcf) file?"
                };
                return Err(error(
                    raw.line,
                    format!("expected BEGIN:VCARD, found '{}': {why}", shown(&raw.bytes)),
                ));
            }
            (Some(_), "BEGIN") if is_card => nested += 1,
            (Some(_), "END") if is_card && nested > 0 => nested -= 1,
            (Some(_), "END") if is_card => {
                if let Some(open) = current.take() {
                    cards.push(card(open.line, open.properties, open.warnings));
                }
            }
            (Some(open), _) if nested == 0 => open.properties.push(property),
            (Some(_), _) => {}
        }
    }
    if let Some(Open { line, .. }) = current {
        return Err(error(
            line,
            "this card never ends: END:VCARD is missing (is the file cut short?)".into(),
        ));
    }
    if cards.is_empty() {
        return Err(error(1, "no card found (no BEGIN:VCARD line)".into()));
    }
    Ok(cards)
}

/// A line as a message shows it: its first 60 characters, escaped.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text
        .chars()
        .take(60)
        .collect::<String>()
        .escape_debug()
        .collect();
    if text.chars().nth(60).is_some() {
        shown.push('…');
    }
    shown
}

/// Whether a `BEGIN` value is `VCARD` with more run into it.
fn starts_a_card(value: &str) -> bool {
    value
        .get(..5)
        .is_some_and(|start| start.eq_ignore_ascii_case("VCARD"))
}

/// The file's bytes as UTF-8 (or legacy 8-bit) text without a BOM.
fn decode_file(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let utf16 = |big_endian: bool| {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|pair| match (pair, big_endian) {
                ([a, b], true) => u16::from_be_bytes([*a, *b]),
                ([a, b], false) => u16::from_le_bytes([*a, *b]),
                _ => 0xFFFD,
            })
            .collect();
        String::from_utf16(&units)
            .map(String::into_bytes)
            .map_err(|_| "the file says UTF-16 but is not; save it as UTF-8".to_string())
    };
    match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => Ok(rest.to_vec()),
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        _ => Ok(bytes.to_vec()),
    }
}

/// Whether a property's value is binary (base64).
fn is_binary(property: &Property) -> bool {
    property
        .param("ENCODING")
        .any(|e| e.eq_ignore_ascii_case("b") || e.eq_ignore_ascii_case("base64"))
}

/// Whether a line is only base64 data.
fn is_base64(line: &[u8]) -> bool {
    line.iter()
        .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'='))
}

/// A property's value as text: quoted-printable decoded, in its charset.
/// `None` for binary (base64) values.
fn text_value(property: &Property, warnings: &mut Vec<(usize, String)>) -> Option<String> {
    if is_binary(property) {
        return None;
    }
    let bytes = if property.has_param("ENCODING", "QUOTED-PRINTABLE") {
        quoted_printable(&property.value)
    } else {
        property.value.clone()
    };
    let charset = property.param("CHARSET").next().unwrap_or("UTF-8");
    let text = match charset.to_ascii_lowercase().as_str() {
        "utf-8" | "utf8" | "us-ascii" | "ascii" => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                warnings.push((
                    property.line,
                    format!(
                        "{} is not UTF-8; read as Windows-1252 (check the result)",
                        property.name
                    ),
                ));
                windows_1252(e.as_bytes())
            }
        },
        "iso-8859-1" | "latin1" | "latin-1" | "windows-1252" | "cp1252" | "iso-8859-15" => {
            windows_1252(&bytes)
        }
        other => {
            warnings.push((
                property.line,
                format!(
                    "{} is in charset {other}, which kith cannot read; left out",
                    property.name
                ),
            ));
            return None;
        }
    };
    Some(text)
}

/// Decodes quoted-printable (RFC 2045): `=XX` bytes and `=` soft breaks;
/// anything else, including a stray `=`, is kept as written.
fn quoted_printable(value: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(value.len());
    let mut at = 0;
    while at < value.len() {
        let byte = value[at];
        if byte == b'=' {
            let hex = value
                .get(at + 1..at + 3)
                .and_then(|pair| std::str::from_utf8(pair).ok())
                .and_then(|pair| u8::from_str_radix(pair, 16).ok());
            if let Some(decoded) = hex {
                out.push(decoded);
                at += 3;
                continue;
            }
        }
        out.push(byte);
        at += 1;
    }
    out
}

/// Windows-1252 (a superset of ISO 8859-1 as exports use it) as text.
fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9F => HIGH[usize::from(b - 0x80)],
            b => char::from(b),
        })
        .collect()
}

/// Turns one card's properties into a contact; `warnings` are those met
/// reading its lines.
fn card(line: usize, properties: Vec<Property>, mut warnings: Vec<(usize, String)>) -> Card {
    let (mut full_name, mut structured_name) = (None, None);
    let (mut aliases, mut tags): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let (mut role, mut birthday_read) = (None, None);
    let mut orgs: Vec<String> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    let mut addresses: Vec<(bool, String)> = Vec::new();
    let mut emails: Vec<(bool, String)> = Vec::new();
    let mut phones: Vec<(bool, String)> = Vec::new();
    let mut fallback_role = None;
    let mut group = false;
    for property in &properties {
        let name = property.name.as_str();
        if matches!(name, "PHOTO" | "LOGO" | "SOUND" | "KEY") {
            continue;
        }
        let Some(raw) = text_value(property, &mut warnings) else {
            continue;
        };
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let preferred =
            property.has_param("TYPE", "pref") || property.param("PREF").any(|p| p == "1");
        match name {
            "FN" => {
                full_name.get_or_insert_with(|| unescape(raw));
            }
            "N" => {
                structured_name.get_or_insert_with(|| name_from_parts(raw));
            }
            "NICKNAME" => aliases.extend(list(raw)),
            "EMAIL" => emails.push((preferred, unescape(strip_scheme(raw, "mailto:")))),
            "TEL" => phones.push((preferred, unescape(strip_scheme(raw, "tel:")))),
            "ORG" => orgs.push(org_from_parts(raw)),
            "TITLE" => {
                role.get_or_insert_with(|| unescape(raw));
            }
            "ROLE" => {
                fallback_role.get_or_insert_with(|| unescape(raw));
            }
            "NOTE" => notes.push(unescape(raw)),
            "CATEGORIES" => tags.extend(list(raw).into_iter().filter(|tag| {
                !IGNORED_CATEGORIES
                    .iter()
                    .any(|i| i.eq_ignore_ascii_case(tag))
            })),
            "ADR" => addresses.extend(locality(raw).map(|place| (preferred, place))),
            "BDAY" => {
                let omit = property.param("X-APPLE-OMIT-YEAR").next();
                match birthday(raw, omit) {
                    Some(day) => birthday_read = birthday_read.or(Some(day)),
                    None => warnings.push((
                        property.line,
                        format!("BDAY '{}' is not a date; left out", raw.escape_debug()),
                    )),
                }
            }
            "KIND" | "X-ADDRESSBOOKSERVER-KIND" if raw.eq_ignore_ascii_case("group") => {
                group = true;
            }
            _ => {}
        }
    }
    let org = orgs.into_iter().find(|org| !org.trim().is_empty());
    let emails = preferred_first(emails);
    let name = [full_name, structured_name, org.clone()]
        .into_iter()
        .flatten()
        .chain(emails.first().cloned())
        .find(|name| !name.trim().is_empty());
    let mut contact = Contact::default();
    let fields = &mut contact.fields;
    fields.set_text(Field::Name, name.unwrap_or_default());
    fields.set_list(Field::Aliases, aliases);
    fields.set_list(Field::Tags, tags);
    fields.set_text(Field::Org, org.unwrap_or_default());
    fields.set_text(Field::Role, role.or(fallback_role).unwrap_or_default());
    fields.set_list(Field::Email, emails);
    fields.set_list(Field::Phone, preferred_first(phones));
    let location = preferred_first(addresses).into_iter().next();
    fields.set_text(Field::Location, location.unwrap_or_default());
    fields.set(Field::Birthday, birthday_read.map(Value::Birthday));
    fields.set_text(Field::Purpose, notes.join("\n\n"));
    let contact = contact.normalized();
    let contact = if group {
        Err("a contact group, not a person".to_string())
    } else if contact.name().is_empty() {
        Err("no name: the card has no FN, N, ORG or EMAIL".to_string())
    } else {
        Ok(contact)
    };
    Card {
        line,
        contact,
        warnings,
    }
}

fn preferred_first(mut items: Vec<(bool, String)>) -> Vec<String> {
    items.sort_by_key(|(preferred, _)| !preferred);
    items.into_iter().map(|(_, item)| item).collect()
}

fn strip_scheme<'a>(value: &'a str, scheme: &str) -> &'a str {
    match value.get(..scheme.len()) {
        Some(head) if head.eq_ignore_ascii_case(scheme) => &value[scheme.len()..],
        _ => value,
    }
}

/// A comma-separated TEXT list, unescaped.
fn list(value: &str) -> Vec<String> {
    split_unescaped(value, ',')
        .into_iter()
        .map(|item| unescape(item).trim().to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// `N:Family;Given;Additional;Prefix;Suffix` as "Given Additional Family".
fn name_from_parts(value: &str) -> String {
    let parts: Vec<String> = split_unescaped(value, ';')
        .into_iter()
        .map(|part| list(part).join(" "))
        .collect();
    let part = |i: usize| parts.get(i).map_or("", String::as_str);
    [part(1), part(2), part(0)]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// `ORG:Name;Unit;Unit` as "Name, Unit, Unit".
fn org_from_parts(value: &str) -> String {
    split_unescaped(value, ';')
        .into_iter()
        .map(|part| unescape(part).trim().to_string())
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `ADR:PO box;Extended;Street;Locality;Region;Code;Country`: the
/// locality, else region and country.
fn locality(value: &str) -> Option<String> {
    let parts: Vec<String> = split_unescaped(value, ';')
        .into_iter()
        .map(|part| unescape(part).trim().to_string())
        .collect();
    let part = |i: usize| parts.get(i).map_or("", String::as_str);
    let place = if part(3).is_empty() {
        [part(4), part(6)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(", ")
    } else {
        part(3).to_string()
    };
    (!place.is_empty()).then_some(place)
}

/// A BDAY: `1985-04-15`, `19850415`, `--0415`, `--04-15`, with or without
/// a time. Apple writes birthdays without a year in year 1604 and says so
/// in `X-APPLE-OMIT-YEAR`; year 0000 also means no year.
fn birthday(value: &str, omit_year: Option<&str>) -> Option<Birthday> {
    let date = value.trim().split(['T', 't']).next().unwrap_or("");
    let (year, month_day) = match date.strip_prefix("--") {
        Some(month_day) => (None, month_day),
        None => {
            let year = date.get(..4)?;
            let rest = date.get(4..)?;
            (Some(year), rest.strip_prefix('-').unwrap_or(rest))
        }
    };
    let digits: String = month_day.chars().filter(|c| *c != '-').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let month: u32 = digits[..2].parse().ok()?;
    let day: u32 = digits[2..].parse().ok()?;
    let year = match year {
        Some(year) if year.bytes().all(|b| b.is_ascii_digit()) => {
            if year == "0000" || Some(year) == omit_year {
                None
            } else {
                Some(year.parse::<i32>().ok()?)
            }
        }
        Some(_) => return None,
        None => None,
    };
    NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
    Some(Birthday { year, month, day })
}

/// Appends `contact` as a vCard 4.0 with `uid`: FN, N, NICKNAME, EMAIL,
/// TEL, ORG, TITLE, BDAY (`--MMDD` without a year), CATEGORIES, NOTE (the
/// purpose) and ADR (the location as locality), escaped and folded, CRLF.
pub fn render_into(out: &mut String, contact: &Contact, uid: &str) {
    let mut line = |text: String| fold_into(out, &text);
    line("BEGIN:VCARD".into());
    line("VERSION:4.0".into());
    line(format!("UID:urn:uuid:{uid}"));
    let fields = &contact.fields;
    line(format!("FN:{}", escape(contact.name())));
    let (given, family) = split_name(contact.name());
    line(format!("N:{};{};;;", escape(family), escape(given)));
    let aliases = fields.list(Field::Aliases);
    if !aliases.is_empty() {
        line(format!("NICKNAME:{}", escaped_list(aliases)));
    }
    for email in fields.list(Field::Email) {
        line(format!("EMAIL:{}", escape(email)));
    }
    for phone in fields.list(Field::Phone) {
        line(format!("TEL:{}", escape(phone)));
    }
    if let Some(org) = fields.text(Field::Org) {
        line(format!("ORG:{}", escape(org)));
    }
    if let Some(role) = fields.text(Field::Role) {
        line(format!("TITLE:{}", escape(role)));
    }
    if let Some(birthday) = fields.birthday() {
        let month_day = format!("{:02}{:02}", birthday.month, birthday.day);
        match birthday.year {
            Some(year) => line(format!("BDAY:{year:04}{month_day}")),
            None => line(format!("BDAY:--{month_day}")),
        }
    }
    let tags = fields.list(Field::Tags);
    if !tags.is_empty() {
        line(format!("CATEGORIES:{}", escaped_list(tags)));
    }
    if let Some(purpose) = fields.text(Field::Purpose) {
        line(format!("NOTE:{}", escape(purpose)));
    }
    if let Some(location) = fields.text(Field::Location) {
        line(format!("ADR:;;;{};;;", escape(location)));
    }
    line("END:VCARD".into());
}

fn escaped_list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| escape(i))
        .collect::<Vec<_>>()
        .join(",")
}

/// "Ada King Lovelace" → ("Ada King", "Lovelace"); one word is a given name.
fn split_name(name: &str) -> (&str, &str) {
    match name.trim().rsplit_once(' ') {
        Some((given, family)) => (given.trim_end(), family),
        None => (name.trim(), ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(text: &str) -> Vec<Card> {
        parse("test.vcf", text.as_bytes()).unwrap()
    }

    fn contact(text: &str) -> Contact {
        let mut all = cards(text);
        assert_eq!(all.len(), 1);
        all.remove(0).contact.unwrap()
    }

    fn error(bytes: &[u8]) -> String {
        parse("test.vcf", bytes).unwrap_err().to_string()
    }

    #[test]
    fn reads_birthdays_in_every_shape() {
        let day = |text: &str| birthday(text, None).map(|b| b.to_string());
        assert_eq!(day("1985-04-15").as_deref(), Some("1985-04-15"));
        assert_eq!(day("19850415").as_deref(), Some("1985-04-15"));
        assert_eq!(day("--0415").as_deref(), Some("--04-15"));
        assert_eq!(day("--04-15").as_deref(), Some("--04-15"));
        assert_eq!(day("1985-04-15T00:00:00Z").as_deref(), Some("1985-04-15"));
        assert_eq!(day("19850415T120000").as_deref(), Some("1985-04-15"));
        assert_eq!(day("0000-02-29").as_deref(), Some("--02-29"));
        assert_eq!(
            birthday("1604-04-15", Some("1604")).map(|b| b.to_string()),
            Some("--04-15".into())
        );
        for bad in [
            "",
            "--",
            "1985",
            "1985-02-30",
            "--1315",
            "abcd-04-15",
            "circa 1900",
            "--041",
        ] {
            assert_eq!(day(bad), None, "{bad}");
        }
    }

    #[test]
    fn decodes_quoted_printable_and_charsets() {
        assert_eq!(
            quoted_printable(b"a=3Db=0D=0Ac=C3=A9=zz="),
            b"a=b\r\nc\xc3\xa9=zz="
        );
        assert_eq!(windows_1252(b"Caf\xe9 \x80"), "Café €");
        let c = contact(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nN;CHARSET=ISO-8859-1;ENCODING=QUOTED-PRINTABLE:M=FCller;J=FCrgen\r\nEND:VCARD\r\n",
        );
        assert_eq!(c.name(), "Jürgen Müller");
    }

    #[test]
    fn name_falls_back_to_n_org_then_email() {
        let name = |props: &str| {
            contact(&format!("BEGIN:VCARD\nVERSION:3.0\n{props}END:VCARD\n"))
                .name()
                .to_string()
        };
        assert_eq!(name("N:Lovelace;Ada;King;Countess;\n"), "Ada King Lovelace");
        assert_eq!(name("ORG:Acme\\, Inc;Research\n"), "Acme, Inc, Research");
        assert_eq!(name("EMAIL:x@example.com\n"), "x@example.com");
        for props in ["TEL:1\n", "FN:\\n\nN:;;;;\n"] {
            let none = cards(&format!("BEGIN:VCARD\nVERSION:3.0\n{props}END:VCARD\n"));
            assert!(
                none[0].contact.as_ref().unwrap_err().contains("no name"),
                "{props}"
            );
        }
        let group = cards("BEGIN:VCARD\nVERSION:4.0\nKIND:group\nFN:Team\nEND:VCARD\n");
        assert!(group[0].contact.as_ref().unwrap_err().contains("group"));
    }

    #[test]
    fn files_that_are_not_vcards_are_errors_with_lines() {
        assert_eq!(
            error(b""),
            "test.vcf:1: no card found (no BEGIN:VCARD line)"
        );
        assert_eq!(
            error(b"hello: world\n"),
            "test.vcf:1: expected BEGIN:VCARD, found 'hello: world': is this a vCard (.vcf) file?"
        );
        assert_eq!(
            error(b"BEGIN:VCARD\r\n VERSION:3.0\r\nFN:Ada\r\nEND:VCARD\r\n"),
            "test.vcf:1: expected BEGIN:VCARD, found 'BEGIN:VCARDVERSION:3.0': a line that \
             starts with a space or tab continues the line before it; remove the indent of \
             the line after BEGIN:VCARD"
        );
        assert!(
            error(b"broken line\nBEGIN:VCARD\nFN:A\nEND:VCARD\n").starts_with("test.vcf:1: no ':'")
        );
        assert!(error(b"\n\nBEGIN:VCARD\nFN:A\n").starts_with("test.vcf:3: this card never ends"));
        assert!(error(b"\xff\xfe\x00\xd8").contains("UTF-16"));
    }

    #[test]
    fn lines_of_a_card_that_are_not_properties_are_left_out_with_a_warning() {
        let all = cards(
            "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada\r\nX_CUSTOM:1\r\nbroken line\r\n\
             PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\nAAAQABAAD/2wBDAAMCAgMCAgMD\r\nAwMEAwMEBQgFBQQEBQoHBwYI==\r\n\r\n\
             after photo\r\nTEL:+1 555\r\nEND:VCARD\r\nBEGIN:VCARD\r\nFN:Bo\r\nEND:VCARD\r\n",
        );
        assert_eq!(all.len(), 2);
        let ada = all[0].contact.as_ref().unwrap();
        assert_eq!(
            (ada.name(), ada.fields.list(Field::Phone)),
            ("Ada", &["+1 555".to_string()][..])
        );
        assert_eq!(
            all[0].warnings,
            [
                (
                    4,
                    "'X_CUSTOM' is not a property name (letters, digits and '-' only): 'X_CUSTOM:1'; line left out".to_string()
                ),
                (
                    5,
                    "no ':' between the property name and its value: 'broken line'; line left out".to_string()
                ),
                (
                    10,
                    "no ':' between the property name and its value: 'after photo'; line left out".to_string()
                ),
            ]
        );
        assert!(all[1].warnings.is_empty());
    }

    #[test]
    fn utf16_files_with_a_bom_are_read() {
        let text = "BEGIN:VCARD\r\nFN:Zoë\r\nEND:VCARD\r\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(
            parse("x.vcf", &bytes).unwrap()[0]
                .contact
                .as_ref()
                .unwrap()
                .name(),
            "Zoë"
        );
    }

    #[test]
    fn agent_cards_inside_a_card_are_not_people() {
        let all = cards(
            "BEGIN:VCARD\nFN:Boss\nAGENT:\nBEGIN:VCARD\nFN:Assistant\nEND:VCARD\nTEL:1\nEND:VCARD\n",
        );
        assert_eq!(all.len(), 1);
        let boss = all[0].contact.as_ref().unwrap();
        assert_eq!(
            (boss.name(), boss.fields.list(Field::Phone).len()),
            ("Boss", 1)
        );
    }

    #[test]
    fn renders_escaped_folded_crlf_vcard_4() {
        let purpose = "line one\nline two ".repeat(10);
        let contact = Contact::sample(&[
            (Field::Name, &["Zoë Müller-Lüdenscheidt"]),
            (Field::Aliases, &["Z, the first"]),
            (Field::Org, &["Acme; Research, \\Labs"]),
            (Field::Birthday, &["--02-29"]),
            (Field::Purpose, &[&purpose]),
            (Field::Location, &["Berlin, DE"]),
        ]);
        let mut out = String::new();
        render_into(&mut out, &contact, "u");
        assert!(out.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\nUID:urn:uuid:u\r\nFN:Zoë Müller-Lüdenscheidt\r\nN:Müller-Lüdenscheidt;Zoë;;;\r\nNICKNAME:Z\\, the first\r\n"), "{out}");
        assert!(out.contains("\r\nORG:Acme\\; Research\\, \\\\Labs\r\n"));
        assert!(out.contains("\r\nBDAY:--0229\r\n"));
        assert!(out.contains("\r\nADR:;;;Berlin\\, DE;;;\r\n"));
        assert!(out.split("\r\n").all(|l| l.len() <= 75));
        assert!(!out.replace("\r\n", "").contains('\n'));
        let back = cards(&out).remove(0).contact.unwrap();
        assert_eq!(back, contact.normalized());
    }

    #[test]
    fn garbage_and_mutated_cards_never_panic_and_what_is_read_round_trips() {
        // A small deterministic generator: the same bytes on every run.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let pieces: &[&[u8]] = &[
            b"BEGIN:VCARD",
            b"END:VCARD",
            b"\r\n",
            b"\n",
            b"\r",
            b" ",
            b"\t",
            b":",
            b";",
            b",",
            b"=",
            b"=0",
            b"=C3",
            b"\\",
            b"\"",
            b"FN",
            b"N",
            b"BDAY:--",
            b"ENCODING=QUOTED-PRINTABLE",
            b"CHARSET=latin1",
            b"item1.",
            b"\xff",
            b"\xfe",
            b"\xef\xbb\xbf",
            b"\xc3",
            b"--0229",
            b"ADR:;;;",
            b"ORG",
            b"EMAIL",
            b"KIND:group",
            b"AGENT:",
            b"^n",
            b"\0",
            b"TYPE=pref",
        ];
        let seeds: [&[u8]; 4] = [
            include_bytes!("../../tests/fixtures/apple.vcf"),
            include_bytes!("../../tests/fixtures/google.vcf"),
            include_bytes!("../../tests/fixtures/android.vcf"),
            include_bytes!("../../tests/fixtures/khard.vcf"),
        ];
        let mut read_back = 0;
        for round in 0..4000 {
            let mut input = Vec::new();
            if round % 2 == 0 {
                // A real export with a few bytes cut, repeated or replaced.
                input.extend_from_slice(seeds[(next() % 4) as usize]);
                for _ in 0..=(next() % 4) {
                    let at = (next() % (input.len() as u64 + 1)) as usize;
                    let len = ((next() % 6) as usize).min(input.len() - at);
                    match next() % 3 {
                        0 => {
                            input.drain(at..at + len);
                        }
                        1 => {
                            let copy = input[at..at + len].to_vec();
                            input.splice(at..at, copy);
                        }
                        _ => {
                            let piece = pieces[(next() % pieces.len() as u64) as usize];
                            input.splice(at..at + len, piece.iter().copied());
                        }
                    }
                }
            } else {
                if next() % 2 == 0 {
                    input.extend_from_slice(b"BEGIN:VCARD\r\n");
                }
                for _ in 0..(next() % 40) {
                    let r = next();
                    if r % 5 == 0 {
                        input.push((r >> 8) as u8);
                    } else {
                        input.extend_from_slice(pieces[(r >> 8) as usize % pieces.len()]);
                    }
                }
            }
            let Ok(cards) = parse("fuzz.vcf", &input) else {
                continue;
            };
            for contact in cards.into_iter().filter_map(|card| card.contact.ok()) {
                let mut out = String::new();
                render_into(&mut out, &contact, "u");
                let again = parse("again.vcf", out.as_bytes())
                    .unwrap_or_else(|e| panic!("{e}: {out:?}"))
                    .remove(0)
                    .contact
                    .unwrap_or_else(|e| panic!("{e}: {out:?}"));
                assert_eq!(again, contact, "{out:?}");
                read_back += 1;
            }
        }
        // Most mutated exports still hold people: the round trip ran.
        assert!(read_back > 2000, "only {read_back} contacts read back");
    }
}
