//! The command line: every command, flag and environment variable, defined
//! once with clap's derive API (doc comments become the help text).

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use clap::{Args, Parser, Subcommand, ValueEnum};
use kith::note::cadence::Cadence;
use kith::note::fields::FIELDS;

/// A personal relationship manager inside a folder of plain Markdown notes.
///
/// One note per person, YAML front matter on top. kith reads the notes,
/// tells you whom you owe a call, and writes a follow-up report back into
/// the vault. It never changes what you typed. A line of a daily or
/// meeting note that links to someone counts as a contact on its date.
#[derive(Debug, Parser)]
#[command(name = "kith", version, propagate_version = true, max_term_width = 100)]
#[command(after_long_help = fields_help())]
pub(crate) struct Cli {
    /// The vault folder [default: nearest folder above holding .kith/]
    #[arg(long, global = true, env = "KITH_VAULT", value_name = "PATH")]
    pub(crate) vault: Option<PathBuf>,

    /// Compute due dates as if today were this date (YYYY-MM-DD)
    #[arg(long, global = true, value_name = "DATE", value_parser = parse_day)]
    pub(crate) today: Option<NaiveDate>,

    /// When to colour the output: auto (on a terminal, unless NO_COLOR is
    /// set), always or never
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub(crate) color: ColorChoice,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Set up .kith/ in a vault (never overwrites anything)
    ///
    /// Adopts the people folders (People/, CRM/Contacts/, in any case) and
    /// the person markers (#person, type: person) the vault already uses,
    /// writing them into .kith/config.yaml; makes people/ only in a vault
    /// without notes.
    Init {
        /// The folder to set up [default: --vault, else the current folder]
        path: Option<PathBuf>,
    },
    /// Lint every note: print `path:line: message` for each problem
    ///
    /// Exits 1 when there is any problem, 0 when every note reads cleanly.
    /// Hints (`path: hint: message`) follow the problems and never fail it:
    /// among them links to no note that look like a person's name, and
    /// links to a name or alias several people share.
    Check,
    /// Write the follow-up report (Follow-ups.md) into the vault
    ///
    /// The file is only rewritten when its content changes.
    Report {
        /// Print the report instead of writing it
        #[arg(long)]
        stdout: bool,
    },
    /// Bring the search index up to date with the notes
    ///
    /// Only new, changed and deleted notes are read. The index lives in
    /// .kith/index/ (for a folder without .kith/, or one kith cannot write,
    /// in the user's cache folder) and can be deleted at any time; search,
    /// list and report refresh it themselves, so this is rarely needed by
    /// hand.
    Index {
        /// Throw the index away and build it from every note
        #[arg(long)]
        rebuild: bool,
    },
    /// Search the notes: names, fields, tags and log text
    #[command(long_about = search_help())]
    Search(SearchArgs),
    /// Keep the index and the report current as notes change
    ///
    /// Indexes and writes the report now, then watches the vault and
    /// updates both within a moment of every save, printing one line
    /// per update. Recomputes the report at midnight. Ctrl-C stops it
    /// cleanly. While it runs, other kith commands read its index.
    Watch {
        /// Print nothing but errors
        #[arg(long, short)]
        quiet: bool,
    },
    /// List people: name, cadence, last contact, due status, org and tags
    ///
    /// An aligned table with a header on a terminal; when piped, one
    /// tab-separated line per person with the same columns and no header.
    /// Archived people are listed as "archived" and never match --overdue
    /// or --due-within.
    List(ListArgs),
    /// Show one person: fields, cadence and due status, recent log, open
    /// follow-ups, mentions in other notes and the note's problems
    Show {
        /// Name, alias, file name or vault path; case and accents do not
        /// matter, and a unique start of a word is enough
        name: String,

        /// The person as one JSON object, the same as `list --json` prints
        #[arg(long)]
        json: bool,
    },
    /// Add `- DATE TEXT` to a person's Log, newest first
    ///
    /// The line goes into the note's `## Log` section (added at the end of
    /// the note when missing), above entries of the same day or older and
    /// below newer (planned) ones, in the style of its neighbours. Every
    /// other byte of the note stays as it was; the write is atomic and is
    /// refused if the note changed meanwhile. Prints the line added (as
    /// path:line: text) and when the person is next due.
    ///
    /// A text starting with `←` (or `<-`) records that they reached out;
    /// `show` says who started the last contacts. A tag (`#lunch`) or a
    /// first word (`Lunch at Zuni`) of config `outings` makes it an outing.
    Log {
        /// Name, alias, file name or vault path of the person
        name: String,
        /// What happened, on one line (quote it)
        text: String,
        /// The day it happened, YYYY-MM-DD [default: today]
        #[arg(long, value_name = "DATE", value_parser = parse_day)]
        date: Option<NaiveDate>,
        /// They reached out: the line starts with `←`
        #[arg(long)]
        them: bool,
    },
    /// Record a contact today: `- TODAY TEXT` in the person's Log
    ///
    /// What ticking the person in Follow-ups.md does. Without TEXT the line
    /// says `report_log_text` from .kith/config.yaml ("Checked off in
    /// Follow-ups"). The line goes in as `kith log` puts it, every other
    /// byte kept; then the report is written again. Prints the line added
    /// (as path:line: text) and when the person is next due.
    Done {
        /// Name, alias, file name or vault path of the person
        name: String,
        /// What happened, on one line (quote it)
        text: Option<String>,
    },
    /// Put off a person: set `snooze_until` in their note's front matter
    ///
    /// The person is not due before that day. Only the `snooze_until` line
    /// changes (its key spelling and comment kept); it is added at the end
    /// of the front matter when missing, and a note without front matter
    /// gets one. Then the report is written again. Prints the line (as
    /// path:line: text) and when the person is next due.
    Snooze {
        /// Name, alias, file name or vault path of the person
        name: String,
        /// For how long from today (10d, 2w, 3m, 1y, every 2 weeks,
        /// monthly…) or until which day (YYYY-MM-DD)
        #[arg(value_name = "FOR|UNTIL", value_parser = parse_snooze)]
        until: Snooze,
    },
    /// Who would value a topic: people ranked by their interests, purpose,
    /// needs, tags, role, org and log
    ///
    /// Words match as search matches them, whatever their case, accents
    /// and endings (`sailing` finds `sail` and `Sails`); interests weigh
    /// most, then purpose and needs, tags, role and org, and the log and
    /// notes least. Each line says why, and when they last got something
    /// from you (a log line starting `Shared` or `Sent`). Whoever got
    /// something within `share_spacing` days (config, 14) is listed apart,
    /// not ranked: each share is a little gift, space them out.
    ///
    /// With --log, `- TODAY Shared: TEXT` goes into the log of each person
    /// chosen (--to, or the best --top N), as `kith log` adds it: one
    /// atomic write per note; a note that cannot be written is named with
    /// why, and the others are written all the same. One `kith undo`
    /// reverts them all.
    ///
    /// Exits 0 when someone suits the topic (or every note was written),
    /// 1 when nobody does (or some note was not written), 2 on error.
    Share(ShareArgs),
    /// Introductions worth making: pairs who share interests, or where
    /// one's needs meet the other's offers, role or org
    ///
    /// Each line says why (`both: sailing`, `Nadia needs: a CFO · Marcus:
    /// fractional CFO`), best first. Pairs already connected are left out:
    /// either note links to the other, or a log line speaks of introducing
    /// them. Needs are `needs` (or `looking_for`, `wants`), offers
    /// `offers` (or `can_help_with`). Across the vault, a word more than a
    /// hundred people share suggests no pair by itself; with NAME, every
    /// pair counts. Exits 1 when there is none.
    Intros {
        /// Only this person's introductions (name, alias, file name or
        /// vault path)
        name: Option<String>,

        /// Show at most N introductions
        #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,

        /// One JSON object per introduction per line: both people, score,
        /// reason, shared interests and needs met
        #[arg(long)]
        json: bool,
    },
    /// Record an introduction: `Introduced to [[B]] — TEXT` in A's log and
    /// the mirror line in B's
    ///
    /// Both lines go in as `kith log` adds them, in one step `kith undo`
    /// reverts; a note that cannot be written is named with why. The link
    /// connects the pair, so `kith intros` never suggests it again.
    Intro {
        /// One of the two (name, alias, file name or vault path)
        a: String,
        /// The other
        b: String,
        /// Why, or what was said (quote it)
        text: Option<String>,
    },
    /// Create a person note from .kith/template.md or the built-in template
    ///
    /// The note is NAME.md in the first people folder; an existing file is
    /// never overwritten and a name already used by another note is
    /// refused. Prints the new file's absolute path alone, so that
    /// `$EDITOR "$(kith new 'Grace Hopper')"` opens it.
    ///
    /// Template placeholders: {{name}} (or {{title}}), {{org}}, {{role}},
    /// {{email}}, {{tags}}, {{cadence}} and {{date}} (today, YYYY-MM-DD).
    /// In the front matter each must be the whole value of its line
    /// (`org: {{org}}`); it is written as YAML, quoted when needed, and a
    /// line whose placeholder has no value is left out. In the body they
    /// are plain text. Other {{...}} are kept as written.
    New(NewArgs),
    /// Revert the last command that wrote notes (log, done, snooze, new,
    /// import, ticks recorded from the report)
    ///
    /// Every note kith writes is journaled. Undo puts back, byte for byte,
    /// each note the last command changed (and removes the notes it
    /// created) where the note is still exactly as that command left it; a
    /// note changed since is named and left alone. Run it again to go
    /// further back.
    ///
    /// Exits 0 when every note was reverted, 1 when some were left as they
    /// are (or there was nothing to undo), 2 on error.
    Undo {
        /// Show the recent commands that wrote notes instead, newest
        /// first, with the notes each changed
        #[arg(long)]
        list: bool,
    },
    /// Import people from an address book
    #[command(subcommand)]
    Import(ImportCommand),
    /// Export people for an address book or a calendar
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print a shell completion script
    ///
    /// For example: `kith completions bash > ~/.local/share/bash-completion/completions/kith`,
    /// `kith completions zsh > ~/.zfunc/_kith`,
    /// `kith completions fish > ~/.config/fish/completions/kith.fish`.
    Completions {
        /// The shell to complete in
        shell: clap_complete::Shell,
    },
}

impl Command {
    /// The subcommand's name, as typed.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Command::Init { .. } => "init",
            Command::Check => "check",
            Command::Report { .. } => "report",
            Command::Index { .. } => "index",
            Command::Search(_) => "search",
            Command::Watch { .. } => "watch",
            Command::List(_) => "list",
            Command::Show { .. } => "show",
            Command::Log { .. } => "log",
            Command::Done { .. } => "done",
            Command::Snooze { .. } => "snooze",
            Command::New(_) => "new",
            Command::Share(_) => "share",
            Command::Intros { .. } => "intros",
            Command::Intro { .. } => "intro",
            Command::Undo { .. } => "undo",
            Command::Import(_) => "import",
            Command::Export(_) => "export",
            Command::Completions { .. } => "completions",
        }
    }
}

/// How long `kith snooze` puts someone off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Snooze {
    /// For this long from today.
    For(Cadence),
    /// Until this day.
    Until(NaiveDate),
}

impl Snooze {
    /// The day the snooze ends, from `today`; `None` past the year 9999.
    pub(crate) fn until(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Snooze::Until(day) => Some(day),
            Snooze::For(cadence) => cadence.after(today).filter(|day| day.year() <= 9999),
        }
    }
}

/// Reads `kith snooze`'s FOR|UNTIL: a date or a cadence-like length.
pub(crate) fn parse_snooze(text: &str) -> Result<Snooze, String> {
    if let Ok(day) = parse_day(text.trim()) {
        return Ok(Snooze::Until(day));
    }
    text.parse::<Cadence>().map(Snooze::For).map_err(|_| {
        format!(
            "'{text}' is neither a length (10d, 2w, 3m, 1y, every 2 weeks) nor a date (YYYY-MM-DD)"
        )
    })
}

/// What `kith import` reads.
#[derive(Debug, Subcommand)]
pub(crate) enum ImportCommand {
    /// Make a person note for each card of vCard (.vcf) files
    ///
    /// Reads vCard 2.1, 3.0 and 4.0 as Apple Contacts, Google Contacts,
    /// Android phones and khard export them: FN (else N, ORG or EMAIL) as
    /// the name, NICKNAME as aliases, EMAIL, TEL, ORG, TITLE as role, BDAY
    /// (with or without the year), the ADR's city as location, CATEGORIES
    /// as tags and NOTE as purpose; photos are left out. Notes go into the
    /// first people folder, made from .kith/template.md or the built-in
    /// template.
    ///
    /// A card whose person already has a note (same email, else same name
    /// or file name) is skipped, or with --merge adds the fields the note
    /// lacks; nothing a note says is changed and no note is overwritten.
    /// Cards of one person in the files (same email, else same name) are
    /// merged into one note. Files are all read before anything is
    /// written: a file that is not a vCard is an error naming its line; a
    /// line of a card that is not a property is left out with a warning.
    ///
    /// Exits 0 when every card was imported, merged or already present, 1
    /// when any card was not imported (see the messages), 2 on error.
    Vcard(ImportVcardArgs),
}

/// Files and mode of `kith import vcard`.
#[derive(Debug, Args)]
pub(crate) struct ImportVcardArgs {
    /// The .vcf files to read
    #[arg(required = true, value_name = "FILE")]
    pub(crate) files: Vec<PathBuf>,

    /// Add what a card knows to the note its person already has: only
    /// fields the note lacks (or leaves empty), every other byte kept
    #[arg(long)]
    pub(crate) merge: bool,

    /// Say what would be created, merged and skipped; write nothing
    #[arg(long)]
    pub(crate) dry_run: bool,
}

/// What `kith export` writes.
#[derive(Debug, Subcommand)]
pub(crate) enum ExportCommand {
    /// Write every person as a vCard 4.0, for an address book
    ///
    /// Name, aliases, emails, phones, org, role, birthday, tags, purpose
    /// (as NOTE) and location (as the address's city). Each card's UID
    /// comes from the note's path, so importing again updates the cards.
    Vcard {
        /// Write to FILE (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write an iCalendar of birthdays, due follow-ups and open promises
    ///
    /// Birthdays repeat yearly (29 February on the last day of February);
    /// each person due within --days gets an all-day event on the due date
    /// (on today when overdue or never contacted); open promises are to-dos
    /// with their date. UIDs come from the note, the kind and the date, and
    /// the output only changes when the notes or the day do. Config `ics`
    /// makes `kith report` write this file too, for a calendar app to
    /// subscribe to.
    Ics {
        /// Write to FILE (atomically) instead of standard output
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,

        /// How many days ahead to put due dates
        #[arg(long, value_name = "N", default_value_t = kith::contacts::ics::DEFAULT_DAYS,
            value_parser = clap::value_parser!(u32).range(0..=36_600))]
        days: u32,
    },
}

/// Filters, order and format of `kith list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only people whose due date has passed
    #[arg(long)]
    pub(crate) overdue: bool,

    /// Only people due within N days (7, 7d) or weeks (2w) of today,
    /// counting the overdue and the never contacted (due now)
    #[arg(long, value_name = "N[d|w]", value_parser = parse_window)]
    pub(crate) due_within: Option<u32>,

    /// Only people with this tag; repeat to require several
    #[arg(long, value_name = "TAG")]
    pub(crate) tag: Vec<String>,

    /// Order of the rows: due (soonest first, then no cadence, then
    /// archived), name, or last (longest since last contact first)
    #[arg(long, value_enum, default_value_t = Sort::Name)]
    pub(crate) sort: Sort,

    /// One JSON object per person per line, for programs
    #[arg(long)]
    pub(crate) json: bool,
}

/// The topic of `kith share`, and whom to log it for.
#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("chosen").args(["to", "top"])))]
pub(crate) struct ShareArgs {
    /// What you would share: a word or a few (several words are joined)
    #[arg(required = true, value_name = "TOPIC")]
    pub(crate) topic: Vec<String>,

    /// Log `- TODAY Shared: TEXT` for each person chosen with --to or --top
    #[arg(long, value_name = "TEXT", requires = "chosen", value_parser = parse_line)]
    pub(crate) log: Option<String>,

    /// The people to log the share for (names, aliases, file names or
    /// vault paths)
    #[arg(long, value_name = "NAME", num_args = 1.., requires = "log")]
    pub(crate) to: Vec<String>,

    /// Log the share for the best N of the ranking (not those listed apart)
    #[arg(long, value_name = "N", requires = "log", value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) top: Option<u32>,

    /// Rank at most N people
    #[arg(long, value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) limit: u32,

    /// One JSON object per person per line: the person's object with
    /// `share` (score, spaced, why)
    #[arg(long, conflicts_with = "log")]
    pub(crate) json: bool,
}

/// What `kith search` looks for and how it prints it.
#[derive(Debug, Args)]
pub(crate) struct SearchArgs {
    /// The query, in tantivy syntax (several words are joined)
    #[arg(required = true, value_name = "QUERY")]
    pub(crate) query: Vec<String>,

    /// Show at most N people
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = clap::value_parser!(u32).range(1..))]
    pub(crate) limit: u32,

    /// Only people with this tag
    #[arg(long, value_name = "TAG")]
    pub(crate) tag: Option<String>,

    /// Only people whose due date has passed
    #[arg(long)]
    pub(crate) overdue: bool,

    /// One JSON object per person per line: path, name, score, fields, due
    #[arg(long, conflicts_with = "paths")]
    pub(crate) json: bool,

    /// Only the notes' paths, one per line (relative to the current folder
    /// when below it), e.g. for `kith search --paths x | xargs -d '\n' $EDITOR`
    #[arg(long)]
    pub(crate) paths: bool,
}

/// How `kith list` orders people.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Sort {
    Due,
    Name,
    Last,
}

/// The fields `kith new` puts in the note.
#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    /// The person's name; also the file name, so no '/', '\', '..',
    /// control characters, invisible formatting characters (such as the
    /// right-to-left override) or leading '.'; and, since it is also the
    /// note's title, not starting with a date (that would be a log entry)
    pub(crate) name: String,

    /// Organisation
    #[arg(long, value_parser = parse_line)]
    pub(crate) org: Option<String>,

    /// Role or job title
    #[arg(long, value_parser = parse_line)]
    pub(crate) role: Option<String>,

    /// Tags, comma-separated (a leading '#' is dropped)
    #[arg(long, value_name = "TAGS", value_delimiter = ',', value_parser = parse_tag)]
    pub(crate) tags: Vec<String>,

    /// How often to be in touch: weekly, monthly, 6w, every 3 months, ...
    #[arg(long, value_parser = parse_cadence)]
    pub(crate) cadence: Option<String>,

    /// Email address
    #[arg(long, value_parser = parse_line)]
    pub(crate) email: Option<String>,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set or `TERM` is `dumb`.
    Auto,
    /// Always, even when piped.
    Always,
    /// Never.
    Never,
}

/// `kith search --help`: the query language, with the fields a query may
/// name taken from the field table.
fn search_help() -> String {
    format!(
        "Search the notes: names, fields, tags and log text\n\n\
         Words must all match (`org:acme sailing`); name a field to search only it ({}, \
         or any other front matter key; other spellings of a field work too, `company:acme`). \
         Case and accents do not matter (`zoe` finds Zoë); names also match by prefix and \
         with a typo (`lovlace`). Also: \"exact phrases\", OR, -exclude, (groups).\n\n\
         Exits 0 when something was found, 1 when nothing was, 2 on error.",
        kith::index::searchable().join(", ")
    )
}

/// `kith --help`'s list of the fields kith reads, from the field table.
fn fields_help() -> String {
    let fields: Vec<String> = FIELDS
        .iter()
        .map(|spec| {
            let opposites = spec.opposites.iter().map(|key| format!("not {key}"));
            let others: Vec<String> = spec
                .spellings
                .iter()
                .map(|key| key.to_string())
                .chain(opposites)
                .collect();
            match others.as_slice() {
                [] => spec.key.to_string(),
                others => format!("{} ({})", spec.key, others.join(", ")),
            }
        })
        .collect();
    format!(
        "Person fields kith reads from the front matter and from Dataview inline fields \
         (`key:: value`), with the other spellings it accepts in any case and with any of \
         `_`, `-` or spaces between words (`lastContact`, `Last Contact`): {}. A `title` is \
         the name when it names the file, else the role. Other fields are kept, searchable \
         and shown by `show`.",
        fields.join(", ")
    )
}

/// Parses a `YYYY-MM-DD` command-line date, years 0001 to 9999 as in
/// notes and calendars.
pub(crate) fn parse_day(text: &str) -> Result<NaiveDate, String> {
    kith::note::cadence::parse_ymd(text)
        .filter(|day| day.year() >= 1)
        .ok_or_else(|| format!("'{text}' is not a date (use YYYY-MM-DD, years 0001 to 9999)"))
}

/// Reads a `--due-within` window: `7`, `7d` or `2w`, as a number of days.
pub(crate) fn parse_window(text: &str) -> Result<u32, String> {
    let bad = || format!("'{text}' is not a window (use days like 7 or 7d, or weeks like 2w)");
    let trimmed = text.trim().to_lowercase();
    let (count, per_unit) = match trimmed.strip_suffix('w') {
        Some(weeks) => (weeks, 7),
        None => (trimmed.strip_suffix('d').unwrap_or(&trimmed), 1),
    };
    let count: u32 = count.trim().parse().map_err(|_| bad())?;
    count
        .checked_mul(per_unit)
        .filter(|days| *days <= MAX_WINDOW_DAYS)
        .ok_or_else(bad)
}

/// The longest `--due-within` window: about a hundred years.
const MAX_WINDOW_DAYS: u32 = 36_600;

/// Checks a cadence with the notes' own grammar, keeping the spelling.
pub(crate) fn parse_cadence(text: &str) -> Result<String, String> {
    let text = parse_line(text)?;
    text.parse::<Cadence>().map_err(|e| e.to_string())?;
    Ok(text)
}

/// A one-line value: trimmed, without control characters.
pub(crate) fn parse_line(text: &str) -> Result<String, String> {
    if text.chars().any(char::is_control) {
        return Err("holds a line break or control character; give it on one line".into());
    }
    Ok(text.trim().to_string())
}

/// A tag: one line, without its leading '#'.
pub(crate) fn parse_tag(text: &str) -> Result<String, String> {
    Ok(parse_line(text)?.trim_start_matches('#').trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn search_help_lists_every_searchable_field_of_the_table() {
        let mut command = Cli::command();
        let search = command.find_subcommand_mut("search").unwrap();
        let help = search.render_long_help().to_string();
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        let searchable: Vec<&str> = kith::note::fields::search_keys().chain(["body"]).collect();
        assert!(searchable.contains(&"introduced_by"));
        for key in searchable {
            assert!(
                help.contains(&format!("{key},")) || help.contains(&format!("({key},")),
                "{key} is missing from: {help}"
            );
        }
    }

    #[test]
    fn the_long_help_lists_every_field_and_spelling() {
        let help = Cli::command().render_long_help().to_string();
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        for spec in FIELDS {
            assert!(help.contains(spec.key), "{}", spec.key);
            for spelling in spec.spellings {
                assert!(help.contains(spelling), "{spelling}");
            }
            for opposite in spec.opposites {
                assert!(help.contains(&format!("not {opposite}")), "{opposite}");
            }
        }
    }

    #[test]
    fn snoozes_are_lengths_or_days() {
        let today = parse_day("2026-11-24").unwrap();
        let until = |text: &str| {
            parse_snooze(text)
                .unwrap()
                .until(today)
                .unwrap()
                .to_string()
        };
        assert_eq!(until("2w"), "2026-12-08");
        assert_eq!(until("1m"), "2026-12-24");
        assert_eq!(until("every 3 days"), "2026-11-27");
        assert_eq!(until("2027-01-05"), "2027-01-05");
        assert!(parse_snooze("soon").is_err());
        assert!(parse_snooze("2026-02-30").is_err());
    }

    #[test]
    fn days_are_four_digit_years_from_0001_to_9999() {
        for good in ["0001-01-01", "2026-11-24", "9999-12-31", "2024-02-29"] {
            assert_eq!(parse_day(good).map(|d| d.to_string()).as_deref(), Ok(good));
        }
        for bad in [
            "-0001-01-01",
            "+10000-01-01",
            "0000-06-01",
            "2026-1-5",
            "26-11-24",
            "2026-02-29",
            " 2026-11-24",
            "2026-11-24T00:00",
            "",
        ] {
            assert!(parse_day(bad).is_err(), "{bad:?}");
        }
    }
}
