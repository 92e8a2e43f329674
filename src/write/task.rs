//! Ticking an open task in a note: `- [ ]` becomes `- [x]` on one line and
//! no other byte changes, checked by reading the note again. Pure.

use crate::note::frontmatter;
use crate::note::log::{self, Line};

/// Why a task was not ticked.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TaskError {
    /// The note is not UTF-8.
    #[error("the note is not UTF-8 text; kith only changes UTF-8 notes")]
    NotUtf8,
    /// The line holds no open task.
    #[error("line {0} holds no open task")]
    NoTask(usize),
    /// Ticking would change how the rest reads.
    #[error("ticking line {0} would change how the rest of the note reads; tick it by hand")]
    Unsafe(usize),
}

/// Ticks the open task whose list item starts on 1-based line `line`.
pub fn tick(bytes: &[u8], line: usize) -> Result<Vec<u8>, TaskError> {
    let source = std::str::from_utf8(bytes).map_err(|_| TaskError::NotUtf8)?;
    let start = line_start(source, line).ok_or(TaskError::NoTask(line))?;
    let box_at = open_box(&source[start..])
        .map(|at| start + at)
        .ok_or(TaskError::NoTask(line))?;
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&bytes[..box_at + 1]);
    out.push(b'x');
    out.extend_from_slice(&bytes[box_at + 2..]);
    if ticks_only(source, &out, line) {
        Ok(out)
    } else {
        Err(TaskError::Unsafe(line))
    }
}

/// Where 1-based line `line` starts.
fn line_start(text: &str, line: usize) -> Option<usize> {
    if line == 0 {
        return None;
    }
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n').nth(line - 2).map(|(at, _)| at + 1)
}

/// The offset of `[ ]` after the indent and list marker opening `line`.
fn open_box(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches([' ', '\t']).len();
    let rest = &line[indent..];
    let marker = match rest.as_bytes().first()? {
        b'-' | b'*' | b'+' => 1,
        b'0'..=b'9' => {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest.as_bytes().get(digits)? {
                b'.' | b')' => digits + 1,
                _ => return None,
            }
        }
        _ => return None,
    };
    let after = &rest[marker..];
    let spaces = after.len() - after.trim_start_matches([' ', '\t']).len();
    (spaces > 0 && after[spaces..].starts_with("[ ]")).then_some(indent + marker + spaces)
}

/// Whether `new` reads as `old` with the task on `line` ticked and
/// everything else the same: every list item and heading (so every log
/// entry and task, dated or not) as it was, but that one ticked.
fn ticks_only(old: &str, new: &[u8], line: usize) -> bool {
    let Ok(new) = std::str::from_utf8(new) else {
        return false;
    };
    fn read(text: &str) -> (Option<&str>, Vec<Line<'_>>) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let split = frontmatter::split(text);
        (split.yaml, log::lines(split.body, split.body_line))
    }
    let (old_yaml, old_lines) = read(old);
    let (new_yaml, new_lines) = read(new);
    old_yaml == new_yaml
        && old_lines.len() == new_lines.len()
        && old_lines.iter().zip(&new_lines).all(|(a, b)| {
            let task = if a.line == line && a.task == Some(false) {
                Some(true)
            } else {
                a.task
            };
            a.text == b.text && a.line == b.line && task == b.task
        })
        && old_lines
            .iter()
            .any(|l| l.line == line && l.task == Some(false))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ticked(note: &str, line: usize) -> String {
        String::from_utf8(tick(note.as_bytes(), line).unwrap()).unwrap()
    }

    #[test]
    fn only_the_box_changes() {
        let note = "---\nname: A\n---\n## Log\n- 2026-11-02 Coffee\n- [ ] 2026-11-20 Send notes\n";
        assert_eq!(
            ticked(note, 6),
            "---\nname: A\n---\n## Log\n- 2026-11-02 Coffee\n- [x] 2026-11-20 Send notes\n"
        );
    }

    #[test]
    fn crlf_bom_bullets_numbers_and_indents_are_kept() {
        assert_eq!(
            ticked("\u{feff}# A\r\n  * [ ] 2026-11-20 Send\r\n", 2),
            "\u{feff}# A\r\n  * [x] 2026-11-20 Send\r\n"
        );
        assert_eq!(
            ticked("1. [ ] 2026-11-20 Send", 1),
            "1. [x] 2026-11-20 Send"
        );
        assert_eq!(
            ticked("- 2026-11-02 Coffee\n  - [ ] 2026-11-20 Send\n", 2),
            "- 2026-11-02 Coffee\n  - [x] 2026-11-20 Send\n"
        );
    }

    #[test]
    fn an_undated_task_is_ticked_too() {
        assert_eq!(
            ticked("# Friday\n- [ ] Send [[Ada]] the deck\n", 2),
            "# Friday\n- [x] Send [[Ada]] the deck\n"
        );
    }

    #[test]
    fn lines_without_an_open_task_are_refused() {
        let note = "- [x] 2026-11-20 Sent\n> - [ ] quoted\n```\n- [ ] 2026-11-20 code\n```\n";
        assert_eq!(tick(note.as_bytes(), 1), Err(TaskError::NoTask(1)));
        assert_eq!(tick(note.as_bytes(), 2), Err(TaskError::NoTask(2)));
        assert_eq!(tick(note.as_bytes(), 4), Err(TaskError::Unsafe(4)));
        assert_eq!(tick(note.as_bytes(), 9), Err(TaskError::NoTask(9)));
        assert_eq!(tick(b"\xff", 1), Err(TaskError::NotUtf8));
    }
}
