//! The watcher's socket, beside its lock: another kith process asks
//! whether the index covers every change made so far, and the watcher
//! answers once it does. A watcher that does not answer in time
//! (suspended, hung) counts as absent: the asker reads changed notes itself.

use std::path::Path;
#[cfg(unix)]
use std::time::Duration;

use chrono::NaiveDate;

/// How long a running watcher may take to say it heard the question.
#[cfg(unix)]
const HEARD: Duration = Duration::from_millis(250);
/// How long it may then take to bring its index up to date.
#[cfg(unix)]
const COVERED: Duration = Duration::from_secs(3);

/// What the watcher said.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Answer {
    /// Its index holds every change made before the question was asked,
    /// as of the day asked about.
    Covered,
    /// It runs, but cannot say so: it keeps another day, its update
    /// failed, or it took too long.
    Behind,
    /// No answer: it is suspended or hung, or has no socket.
    Silent,
}

/// Asks the watcher listening at `socket` to take in every change made so
/// far and say whether its index, as of `today`, covers them.
#[cfg(unix)]
pub(crate) fn ask(socket: &Path, today: NaiveDate) -> Answer {
    use std::io::{Read, Write};
    use std::os::unix::net::UnixStream;

    fn byte(stream: &mut UnixStream, within: Duration) -> Option<u8> {
        stream.set_read_timeout(Some(within)).ok()?;
        let mut byte = [0u8];
        stream.read_exact(&mut byte).ok()?;
        Some(byte[0])
    }

    let Ok(mut stream) = UnixStream::connect(socket) else {
        return Answer::Silent;
    };
    let asked = stream
        .set_write_timeout(Some(HEARD))
        .and_then(|()| stream.write_all(format!("sync {today}\n").as_bytes()));
    if asked.is_err() || byte(&mut stream, HEARD) != Some(HEARD_BYTE) {
        return Answer::Silent;
    }
    match byte(&mut stream, COVERED) {
        Some(COVERED_BYTE) => Answer::Covered,
        _ => Answer::Behind,
    }
}

#[cfg(not(unix))]
pub(crate) fn ask(_socket: &Path, _today: NaiveDate) -> Answer {
    Answer::Silent
}

/// Sent as soon as a question is read…
#[cfg(unix)]
const HEARD_BYTE: u8 = b'+';
/// …then one of these.
#[cfg(unix)]
const COVERED_BYTE: u8 = b'=';
#[cfg(unix)]
const BEHIND_BYTE: u8 = b'-';

/// The question as the watch loop gets it.
pub struct Question {
    /// The day the asker reads the notes as of.
    pub(crate) today: NaiveDate,
    /// Where to say whether the index covers every change made before the
    /// question, as of that day.
    pub(crate) reply: std::sync::mpsc::Sender<bool>,
}

#[cfg(unix)]
pub(super) use listener::Listener;

#[cfg(unix)]
mod listener {
    use std::io::{BufRead, BufReader, Read, Write};
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::path::{Path, PathBuf};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::mpsc;

    use chrono::NaiveDate;

    use super::{BEHIND_BYTE, COVERED, COVERED_BYTE, HEARD, HEARD_BYTE, Question};

    /// The watcher's end of the socket; dropping it stops listening and
    /// removes the socket file.
    pub(crate) struct Listener {
        path: PathBuf,
        stopped: Arc<AtomicBool>,
    }

    impl Listener {
        /// Listens at `path` (replacing what a killed watcher left there:
        /// the caller holds the watch lock) and passes every question to
        /// `ask`, each on its own thread so that one slow asker holds up
        /// no other.
        pub(crate) fn start(
            path: &Path,
            ask: impl Fn(Question) -> bool + Send + Sync + 'static,
        ) -> std::io::Result<Listener> {
            match std::fs::remove_file(path) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
                _ => {}
            }
            let listener = UnixListener::bind(path)?;
            let stopped = Arc::new(AtomicBool::new(false));
            let stop = Arc::clone(&stopped);
            let ask = Arc::new(ask);
            std::thread::Builder::new()
                .name("kith sync socket".into())
                .spawn(move || {
                    for stream in listener.incoming() {
                        if stop.load(Ordering::Acquire) {
                            break;
                        }
                        let Ok(stream) = stream else { continue };
                        let ask = Arc::clone(&ask);
                        let _ = std::thread::Builder::new()
                            .name("kith sync answer".into())
                            .spawn(move || answer(stream, &*ask));
                    }
                })?;
            Ok(Listener {
                path: path.to_path_buf(),
                stopped,
            })
        }
    }

    impl Drop for Listener {
        fn drop(&mut self) {
            self.stopped.store(true, Ordering::Release);
            // Wakes the thread blocked on accepting, so that it sees the flag.
            let _ = UnixStream::connect(&self.path);
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Reads one question, says it was heard, and answers what `ask` says.
    fn answer(stream: UnixStream, ask: &dyn Fn(Question) -> bool) -> Option<()> {
        stream.set_read_timeout(Some(HEARD)).ok()?;
        let mut line = String::new();
        BufReader::new((&stream).take(64))
            .read_line(&mut line)
            .ok()?;
        let day = line.strip_prefix("sync ")?.trim();
        let today = NaiveDate::parse_from_str(day, "%Y-%m-%d").ok()?;
        (&stream).write_all(&[HEARD_BYTE]).ok()?;
        let (reply, covered) = mpsc::channel();
        let asked = ask(Question { today, reply });
        // Past the asker's patience the answer no longer matters.
        let covered = asked && covered.recv_timeout(2 * COVERED).unwrap_or(false);
        let byte = if covered { COVERED_BYTE } else { BEHIND_BYTE };
        (&stream).write_all(&[byte]).ok()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    #[test]
    fn the_answer_is_what_the_watch_loop_replies() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        let listener = Listener::start(&socket, |question: Question| {
            question
                .reply
                .send(question.today == NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
                .is_ok()
        })
        .unwrap();
        assert_eq!(ask(&socket, day()), Answer::Covered);
        assert_eq!(ask(&socket, day().succ_opt().unwrap()), Answer::Behind);
        drop(listener);
        assert!(!socket.exists());
        assert_eq!(ask(&socket, day()), Answer::Silent);
    }

    #[test]
    fn a_listener_that_never_reads_is_silent_and_a_stale_socket_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        // Bound but never accepting: what a suspended watcher looks like.
        let deaf = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(ask(&socket, day()), Answer::Silent);
        drop(deaf);
        let _listener = Listener::start(&socket, |question: Question| {
            question.reply.send(true).is_ok()
        })
        .unwrap();
        assert_eq!(ask(&socket, day()), Answer::Covered);
    }
}
