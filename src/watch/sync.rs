//! The watcher's socket, beside its lock: another kith process asks
//! whether the index covers every change made so far, and the watcher
//! answers once it does; a search may come with the question, and the
//! watcher then answers with what its index finds, so that the asker
//! opens no index at all. A watcher that does not answer in time
//! (suspended, hung) counts as absent: the asker reads changed notes itself.
//!
//! On the wire: `sync DAY\n`, or `search DAY LEN DIALECT\n` and LEN
//! bytes of the search; the watcher says `+` (heard), then `-` (behind),
//! `=` (covered) or `#`, a little-endian `u32` length and the hits. Hits
//! are sent only between processes of one dialect (version and record
//! layout): a watcher left running across an upgrade only says `=`.

use std::path::Path;
#[cfg(unix)]
use std::time::Duration;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::index::{Hit, SearchRequest};

/// How long a running watcher may take to say it heard the question.
#[cfg(unix)]
const HEARD: Duration = Duration::from_millis(250);
/// How long it may then take to bring its index up to date.
#[cfg(unix)]
const COVERED: Duration = Duration::from_secs(3);
/// The longest search sent over the socket; a longer one is searched by
/// the asker itself.
#[cfg(unix)]
const LONGEST_SEARCH: usize = 1 << 20;

/// The version and record layout of this kith: a watcher searches for an
/// asker only when both are the same.
#[cfg(unix)]
fn dialect() -> String {
    format!(
        "{}/{}/{:x}",
        env!("CARGO_PKG_VERSION"),
        crate::index::manifest::SCHEMA_VERSION,
        crate::note::fields::fingerprint()
    )
}

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

/// A search as it travels to the watcher: a [`SearchRequest`] with its
/// text owned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Search {
    query: String,
    limit: u64,
    tag: Option<String>,
    overdue: bool,
    snippets: bool,
}

impl Search {
    fn of(request: &SearchRequest) -> Search {
        Search {
            query: request.query.to_string(),
            limit: request.limit as u64,
            tag: request.tag.map(str::to_string),
            overdue: request.overdue,
            snippets: request.snippets,
        }
    }

    /// The search, as of `today`.
    pub(crate) fn request(&self, today: NaiveDate) -> SearchRequest<'_> {
        SearchRequest {
            query: &self.query,
            limit: usize::try_from(self.limit).unwrap_or(usize::MAX),
            tag: self.tag.as_deref(),
            overdue: self.overdue,
            today,
            snippets: self.snippets,
        }
    }
}

/// The question as the watch loop gets it.
pub struct Question {
    /// The day the asker reads the notes as of.
    pub(crate) today: NaiveDate,
    /// What to search for once the index covers every change.
    pub(crate) search: Option<Search>,
    /// Where to say whether the index covers every change made before the
    /// question, as of that day, and what it found.
    pub(crate) reply: std::sync::mpsc::Sender<Reply>,
}

/// What the watch loop replies.
#[derive(Debug)]
pub(crate) enum Reply {
    /// It cannot say that its index covers every change.
    Behind,
    /// It covers every change (and could not search, when asked to).
    Covered,
    /// It covers every change, and found these.
    Found(Vec<Hit>),
}

/// Asks the watcher listening at `socket` to take in every change made so
/// far and say whether its index, as of `today`, covers them; with
/// `search`, also what it then finds.
#[cfg(unix)]
pub(crate) fn ask(
    socket: &Path,
    today: NaiveDate,
    search: Option<&SearchRequest>,
) -> (Answer, Option<Vec<Hit>>) {
    use std::io::{Read, Write};
    use std::os::unix::net::UnixStream;

    fn read(stream: &mut UnixStream, buffer: &mut [u8], within: Duration) -> Option<()> {
        stream.set_read_timeout(Some(within)).ok()?;
        stream.read_exact(buffer).ok()
    }

    let Ok(mut stream) = UnixStream::connect(socket) else {
        return (Answer::Silent, None);
    };
    let mut question = Vec::new();
    match search.map(|request| postcard::to_stdvec(&Search::of(request))) {
        Some(Ok(bytes)) if bytes.len() <= LONGEST_SEARCH => {
            question.extend(format!("search {today} {} {}\n", bytes.len(), dialect()).into_bytes());
            question.extend(bytes);
        }
        _ => question.extend(format!("sync {today}\n").into_bytes()),
    }
    let asked = stream
        .set_write_timeout(Some(HEARD))
        .and_then(|()| stream.write_all(&question));
    let mut byte = [0u8];
    if asked.is_err() || read(&mut stream, &mut byte, HEARD).is_none() || byte[0] != HEARD_BYTE {
        return (Answer::Silent, None);
    }
    if read(&mut stream, &mut byte, COVERED).is_none() {
        return (Answer::Behind, None);
    }
    match byte[0] {
        COVERED_BYTE => (Answer::Covered, None),
        FOUND_BYTE => {
            let mut length = [0u8; 4];
            let hits = read(&mut stream, &mut length, COVERED).and_then(|()| {
                let mut bytes = vec![0u8; u32::from_le_bytes(length) as usize];
                read(&mut stream, &mut bytes, COVERED)?;
                postcard::from_bytes::<Vec<Hit>>(&bytes).ok()
            });
            // Covered either way; without the hits, the asker searches.
            (Answer::Covered, hits)
        }
        _ => (Answer::Behind, None),
    }
}

#[cfg(not(unix))]
pub(crate) fn ask(
    _socket: &Path,
    _today: NaiveDate,
    _search: Option<&SearchRequest>,
) -> (Answer, Option<Vec<Hit>>) {
    (Answer::Silent, None)
}

/// Sent as soon as a question is read…
#[cfg(unix)]
const HEARD_BYTE: u8 = b'+';
/// …then one of these.
#[cfg(unix)]
const COVERED_BYTE: u8 = b'=';
#[cfg(unix)]
const BEHIND_BYTE: u8 = b'-';
#[cfg(unix)]
const FOUND_BYTE: u8 = b'#';

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

    use super::{
        BEHIND_BYTE, COVERED, COVERED_BYTE, FOUND_BYTE, HEARD, HEARD_BYTE, LONGEST_SEARCH,
        Question, Reply, Search, dialect,
    };

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
        const LONGEST_LINE: u64 = 128;
        let mut reader = BufReader::new((&stream).take(LONGEST_LINE + LONGEST_SEARCH as u64));
        let mut line = String::new();
        (&mut reader).take(LONGEST_LINE).read_line(&mut line).ok()?;
        let (today, search) = match line.trim_end().split(' ').collect::<Vec<_>>()[..] {
            ["sync", day] => (day, None),
            ["search", day, length, speaks] => {
                let length: usize = length.parse().ok()?;
                let mut bytes = vec![0u8; length.min(LONGEST_SEARCH)];
                reader.read_exact(&mut bytes).ok()?;
                let search = postcard::from_bytes::<Search>(&bytes).ok();
                (day, search.filter(|_| speaks == dialect()))
            }
            _ => return None,
        };
        let today = NaiveDate::parse_from_str(today, "%Y-%m-%d").ok()?;
        (&stream).write_all(&[HEARD_BYTE]).ok()?;
        let (reply, replied) = mpsc::channel();
        let asked = ask(Question {
            today,
            search,
            reply,
        });
        // Past the asker's patience the answer no longer matters.
        let reply = if asked {
            replied.recv_timeout(2 * COVERED).unwrap_or(Reply::Behind)
        } else {
            Reply::Behind
        };
        let mut said = Vec::new();
        match reply {
            Reply::Behind => said.push(BEHIND_BYTE),
            Reply::Covered => said.push(COVERED_BYTE),
            Reply::Found(hits) => match postcard::to_stdvec(&hits) {
                Ok(bytes) if u32::try_from(bytes.len()).is_ok() => {
                    said.push(FOUND_BYTE);
                    said.extend((bytes.len() as u32).to_le_bytes());
                    said.extend(bytes);
                }
                _ => said.push(COVERED_BYTE),
            },
        }
        (&stream).write_all(&said).ok()
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    fn day() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
    }

    fn covered_on_the_day(question: Question) -> bool {
        let reply = if question.today == day() {
            Reply::Covered
        } else {
            Reply::Behind
        };
        question.reply.send(reply).is_ok()
    }

    #[test]
    fn the_answer_is_what_the_watch_loop_replies() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        let listener = Listener::start(&socket, covered_on_the_day).unwrap();
        assert_eq!(ask(&socket, day(), None).0, Answer::Covered);
        assert_eq!(
            ask(&socket, day().succ_opt().unwrap(), None).0,
            Answer::Behind
        );
        drop(listener);
        assert!(!socket.exists());
        assert_eq!(ask(&socket, day(), None).0, Answer::Silent);
    }

    #[test]
    fn a_listener_that_never_reads_is_silent_and_a_stale_socket_is_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        // Bound but never accepting: what a suspended watcher looks like.
        let deaf = std::os::unix::net::UnixListener::bind(&socket).unwrap();
        assert_eq!(ask(&socket, day(), None).0, Answer::Silent);
        drop(deaf);
        let _listener = Listener::start(&socket, covered_on_the_day).unwrap();
        assert_eq!(ask(&socket, day(), None).0, Answer::Covered);
    }

    fn request(query: &str) -> SearchRequest<'_> {
        SearchRequest {
            query,
            limit: 20,
            tag: Some("sailing|crew/ñ"),
            overdue: true,
            today: day(),
            snippets: false,
        }
    }

    #[test]
    fn a_search_reaches_the_watcher_whole_and_its_hits_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        let query = format!("\"regatta crew\" OR {}", "ç".repeat(5000));
        let expected = Search::of(&request(&query));
        let _listener = Listener::start(&socket, move |question: Question| {
            let reply = if question.search.as_ref() == Some(&expected) {
                let summary = crate::note::summary::Summary::default();
                Reply::Found(vec![Hit {
                    score: 1.5,
                    person: summary,
                    snippet: vec![("the regatta".into(), true)],
                    found_in: Some("Journal/2026-11-20.md:3".into()),
                }])
            } else {
                Reply::Behind
            };
            question.reply.send(reply).is_ok()
        })
        .unwrap();
        let (answer, hits) = ask(&socket, day(), Some(&request(&query)));
        assert_eq!(answer, Answer::Covered);
        let hits = hits.unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].snippet, vec![("the regatta".to_string(), true)]);
        assert_eq!(hits[0].found_in.as_deref(), Some("Journal/2026-11-20.md:3"));
        // Another search is not this one.
        let (answer, hits) = ask(&socket, day(), Some(&request("regatta")));
        assert_eq!(answer, Answer::Behind);
        assert!(hits.is_none());
    }

    /// A watcher that finds nothing for any search it is sent, and says
    /// "covered" to a plain question.
    fn finding_nothing() -> (tempfile::TempDir, std::path::PathBuf, Listener) {
        let dir = tempfile::tempdir().unwrap();
        let socket = dir.path().join("watch.sock");
        let listener = Listener::start(&socket, |question: Question| {
            let reply = match question.search {
                None => Reply::Covered,
                Some(_) => Reply::Found(Vec::new()),
            };
            question.reply.send(reply).is_ok()
        })
        .unwrap();
        (dir, socket, listener)
    }

    #[test]
    fn a_search_in_another_dialect_is_only_a_question() {
        use std::io::{Read, Write};
        let (_dir, socket, _listener) = finding_nothing();
        let search = postcard::to_stdvec(&Search::of(&request("regatta"))).unwrap();
        // As a kith of another version asks.
        let mut stream = std::os::unix::net::UnixStream::connect(&socket).unwrap();
        let line = format!("search {} {} 0.0.1/1/0\n", day(), search.len());
        stream.write_all(line.as_bytes()).unwrap();
        stream.write_all(&search).unwrap();
        let mut said = Vec::new();
        stream.read_to_end(&mut said).unwrap();
        assert_eq!(said, b"+=");
        // In this one's dialect, it searches.
        let (answer, hits) = ask(&socket, day(), Some(&request("regatta")));
        assert_eq!(
            (answer, hits.map(|hits| hits.len())),
            (Answer::Covered, Some(0))
        );
    }

    #[test]
    fn a_search_too_long_to_send_is_only_a_question() {
        let (_dir, socket, _listener) = finding_nothing();
        let query = "a".repeat(LONGEST_SEARCH + 1);
        let (answer, hits) = ask(&socket, day(), Some(&request(&query)));
        assert_eq!(answer, Answer::Covered);
        assert!(hits.is_none());
    }
}
