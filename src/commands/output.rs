//! Text for the terminal: note values made safe to print, and rows printed
//! as an aligned table on a terminal or as tab-separated lines otherwise.

use std::io::{self, Write};

pub use kith::text::clean;
use unicode_width::UnicodeWidthStr;

/// Writes `rows` (cells already cleaned) as columns two spaces apart under
/// `header`, padded by display width; the last column is not padded.
pub fn aligned(out: &mut impl Write, header: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.width());
        }
    }
    let header: Vec<String> = header.iter().map(|h| h.to_string()).collect();
    for row in std::iter::once(&header).chain(rows) {
        let mut line = String::new();
        for (index, cell) in row.iter().enumerate() {
            if index + 1 == row.len() {
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(widths[index] - cell.width() + 2));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// `4812` as `4,812`.
pub fn thousands(count: usize) -> String {
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

/// Writes `rows` as tab-separated lines, without a header.
pub fn tab_separated(out: &mut impl Write, rows: &[Vec<String>]) -> io::Result<()> {
    for row in rows {
        writeln!(out, "{}", row.join("\t"))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_separated() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(4812), "4,812");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }

    #[test]
    fn columns_align_by_display_width() {
        let mut out = Vec::new();
        let rows = vec![
            vec!["Zoë Müller".to_string(), "x".into(), String::new()],
            vec!["李小龍".to_string(), "yy".into(), "z".into()],
        ];
        aligned(&mut out, &["NAME", "A", "B"], &rows).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NAME        A   B\nZoë Müller  x\n李小龍      yy  z\n"
        );
    }
}
