//! The one way kith writes to the terminal. Every line passes
//! [`clean`] at this choke point, so no escape sequence, control
//! character, bidi override or zero-width character from a note reaches
//! the terminal; messages on stderr get the `kith: ` prefix here; colour
//! and terminal-or-pipe are decided once, when the writer is made.

use std::fmt::Display;
use std::io::{self, BufWriter, IsTerminal, StdoutLock, Write};

use kith::view::Style;
use serde::Serialize;
use unicode_width::UnicodeWidthStr;

pub(crate) use kith::text::clean;

use crate::cli::ColorChoice;

/// Where and how output goes, decided once per process.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Output {
    /// Standard output is a terminal.
    terminal: bool,
    /// Colour on standard output.
    color: bool,
}

impl Output {
    /// Decides colour from `--color`: `auto` colours a terminal unless
    /// `NO_COLOR` is set (to anything but nothing) or `TERM` is `dumb`.
    pub(crate) fn new(choice: ColorChoice) -> Output {
        let terminal = io::stdout().is_terminal();
        Output {
            terminal,
            color: wants_color(choice, terminal, |name| std::env::var_os(name)),
        }
    }

    /// Whether standard output is a terminal (tables are aligned there).
    pub(crate) fn is_terminal(&self) -> bool {
        self.terminal
    }

    /// Standard output, locked and buffered (flush it), for the lines of
    /// one command.
    pub(crate) fn stdout(&self) -> Out<BufWriter<StdoutLock<'static>>> {
        Out {
            out: BufWriter::new(io::stdout().lock()),
            color: self.color,
            terminal: self.terminal,
        }
    }

    /// `kith: MESSAGE` on stderr, each line of the message cleaned.
    pub(crate) fn warn(&self, message: impl Display) {
        self.write_stderr("kith: ", &message.to_string());
    }

    /// `TIME kith: MESSAGE` on stderr, for a long-running command's log.
    pub(crate) fn warn_at(&self, time: &str, message: impl Display) {
        self.write_stderr(&format!("{time} kith: "), &message.to_string());
    }

    /// A line of progress or a summary on stderr, cleaned, without prefix.
    pub(crate) fn status(&self, message: impl Display) {
        self.write_stderr("", &message.to_string());
    }

    fn write_stderr(&self, prefix: &str, message: &str) {
        let lines: Vec<_> = message.split('\n').map(clean).collect();
        // Nothing useful is left to do when stderr itself is gone.
        let _ = writeln!(io::stderr().lock(), "{prefix}{}", lines.join("\n"));
    }
}

/// Whether to colour: `always` and `never` say so; `auto` only on a
/// terminal, with `NO_COLOR` unset or empty and `TERM` not `dumb`.
fn wants_color(
    choice: ColorChoice,
    terminal: bool,
    var: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            terminal
                && var("NO_COLOR").is_none_or(|v| v.is_empty())
                && var("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// Locked standard output: lines, tables, JSON and documents, all cleaned.
pub(crate) struct Out<W: Write> {
    out: W,
    color: bool,
    terminal: bool,
}

impl<W: Write> Out<W> {
    /// One line of text.
    pub(crate) fn line(&mut self, text: impl Display) -> io::Result<()> {
        writeln!(self.out, "{}", clean(&text.to_string()))
    }

    /// One line of styled pieces, coloured when colour is on.
    pub(crate) fn styled(&mut self, pieces: &[(Style, String)]) -> io::Result<()> {
        let mut line = String::new();
        for (style, piece) in pieces {
            let piece = clean(piece);
            match (self.color, code(*style)) {
                (true, Some(code)) => line.push_str(&format!("\u{1b}[{code}m{piece}\u{1b}[0m")),
                _ => line.push_str(&piece),
            }
        }
        writeln!(self.out, "{line}")
    }

    /// Many lines, each cleaned (a report printed instead of written).
    pub(crate) fn text(&mut self, text: &str) -> io::Result<()> {
        if text.split('\n').all(kith::text::is_printable) {
            self.out.write_all(text.as_bytes())?;
            if !text.is_empty() && !text.ends_with('\n') {
                writeln!(self.out)?;
            }
            return Ok(());
        }
        for line in text.lines() {
            self.line(line)?;
        }
        Ok(())
    }

    /// One JSON object on one line. serde_json escapes the C0 controls;
    /// the other characters [`clean`] would remove are written as `\u`
    /// escapes, which JSON reads back as the same text.
    pub(crate) fn json(&mut self, value: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string(value).map_err(io::Error::other)?;
        let mut safe = String::with_capacity(text.len());
        for c in text.chars() {
            if kith::text::is_unprintable(c) {
                let mut units = [0; 2];
                for unit in c.encode_utf16(&mut units) {
                    safe.push_str(&format!("\\u{unit:04x}"));
                }
            } else {
                safe.push(c);
            }
        }
        writeln!(self.out, "{safe}")
    }

    /// `rows` as columns two spaces apart, padded by display width, under
    /// `header` when there is one; the last column is not padded.
    pub(crate) fn aligned(
        &mut self,
        header: Option<&[&str]>,
        rows: &[Vec<String>],
    ) -> io::Result<()> {
        let header: Option<Vec<String>> =
            header.map(|h| h.iter().map(|cell| cell.to_string()).collect());
        let rows: Vec<Vec<String>> = header
            .iter()
            .chain(rows)
            .map(|row| row.iter().map(|cell| clean(cell).into_owned()).collect())
            .collect();
        let mut widths: Vec<usize> = Vec::new();
        for row in &rows {
            widths.resize(widths.len().max(row.len()), 0);
            for (width, cell) in widths.iter_mut().zip(row) {
                *width = (*width).max(cell.width());
            }
        }
        for row in &rows {
            let mut line = String::new();
            for (index, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if index + 1 < row.len() {
                    line.push_str(&" ".repeat(widths[index] - cell.width() + 2));
                }
            }
            writeln!(self.out, "{}", line.trim_end())?;
        }
        Ok(())
    }

    /// `rows` as tab-separated lines, without a header.
    pub(crate) fn tab_separated(&mut self, rows: &[Vec<String>]) -> io::Result<()> {
        for row in rows {
            let cells: Vec<_> = row.iter().map(|cell| clean(cell)).collect();
            writeln!(self.out, "{}", cells.join("\t"))?;
        }
        Ok(())
    }

    /// A line a program reads back, such as a path to open: exactly as it
    /// is when standard output is a file or a pipe, cleaned on a terminal.
    pub(crate) fn exact_line(&mut self, text: impl Display) -> io::Result<()> {
        if self.terminal {
            self.line(text)
        } else {
            writeln!(self.out, "{text}")
        }
    }

    /// A file's content (a vCard, a calendar): exactly as it is when
    /// standard output is a file or a pipe, line by line cleaned on a
    /// terminal.
    pub(crate) fn file(&mut self, text: &str) -> io::Result<()> {
        if self.terminal {
            self.text(text)
        } else {
            self.out.write_all(text.as_bytes())
        }
    }

    /// Writes out what is buffered.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The ANSI code a style is painted with.
fn code(style: Style) -> Option<&'static str> {
    match style {
        Style::Plain => None,
        Style::Path => Some("35"),
        Style::Name => Some("1"),
        Style::Match => Some("1;31"),
    }
}

/// `4812` as `4,812`.
pub(crate) fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(color: bool) -> Out<Vec<u8>> {
        Out {
            out: Vec::new(),
            color,
            terminal: false,
        }
    }

    fn written(out: Out<Vec<u8>>) -> String {
        String::from_utf8(out.out).unwrap()
    }

    #[test]
    fn columns_align_by_display_width_after_cleaning() {
        let mut table = out(false);
        let rows = vec![
            vec![
                "Zoë\u{1b}[31m Müller".to_string(),
                "x".into(),
                String::new(),
            ],
            vec!["李小龍".to_string(), "y\u{200b}y".into(), "z".into()],
        ];
        table.aligned(Some(&["NAME", "A", "B"]), &rows).unwrap();
        assert_eq!(
            written(table),
            "NAME        A   B\nZoë Müller  x\n李小龍      yy  z\n"
        );
    }

    #[test]
    fn styles_are_painted_only_with_colour_and_never_from_a_note() {
        let pieces = vec![
            (Style::Name, "Ada\u{1b}[5m".to_string()),
            (Style::Plain, " \u{202e}x".to_string()),
        ];
        let mut plain = out(false);
        plain.styled(&pieces).unwrap();
        assert_eq!(written(plain), "Ada x\n");
        let mut colored = out(true);
        colored.styled(&pieces).unwrap();
        assert_eq!(written(colored), "\u{1b}[1mAda\u{1b}[0m x\n");
    }

    #[test]
    fn json_escapes_what_the_terminal_must_not_see_and_reads_back() {
        let text = "a\u{1b}[31m\u{9b}\u{202e}\u{200d}b\u{1F642}";
        let mut json = out(false);
        json.json(&serde_json::json!({ "name": text })).unwrap();
        let line = written(json);
        assert!(
            !line.trim_end().chars().any(kith::text::is_unprintable),
            "{line}"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["name"], text);
    }

    #[test]
    fn colour_is_decided_by_the_flag_the_terminal_and_no_color() {
        let env = |pairs: &'static [(&str, &str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.into())
            }
        };
        assert!(wants_color(ColorChoice::Auto, true, env(&[])));
        assert!(!wants_color(ColorChoice::Auto, false, env(&[])));
        assert!(!wants_color(
            ColorChoice::Auto,
            true,
            env(&[("NO_COLOR", "1")])
        ));
        assert!(wants_color(
            ColorChoice::Auto,
            true,
            env(&[("NO_COLOR", "")])
        ));
        assert!(!wants_color(
            ColorChoice::Auto,
            true,
            env(&[("TERM", "dumb")])
        ));
        assert!(wants_color(
            ColorChoice::Always,
            false,
            env(&[("NO_COLOR", "1")])
        ));
        assert!(!wants_color(ColorChoice::Never, true, env(&[])));
    }

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4812), "4,812");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
