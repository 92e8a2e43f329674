//! A deterministic vault of realistic person notes, the daily and meeting
//! notes of years that mention them, and an address book of the same kind
//! of people, for the benchmark (through `examples/genvault.rs`) and for
//! large-vault and import tests.
//!
//! Same seed, same bytes. About 2% of notes carry a defect a real vault
//! has: broken YAML, an unknown cadence, CRLF line endings or a BOM.
//! Promises older than 45 days are ticked, as people tick what they did.
//! A third of the lines of a daily note link to someone, the way people
//! write them: by file name, alias or path, as a task, now and then to a
//! note never written, a name mistyped or inside code.
//! About 2% of cards are a second card of an earlier person (same email),
//! as an export of two accounts has.

use std::fmt::Write as _;
use std::path::Path;

const FIRST: &[&str] = &[
    "Ada", "Grace", "Alan", "Zoë", "Tomás", "Priya", "Marcus", "Hannah", "Ingrid", "Leo", "Nadia",
    "Olu", "Sam", "Chen", "Fatima", "Jürgen", "Amélie", "Kwame", "Sofia", "Mateo", "Aiko", "Ravi",
    "Elena", "Björn", "Chloé", "Dmitri", "Yara", "Kofi", "Lucía", "Noah", "Maya", "Ibrahim",
    "Saoirse", "Hiroshi", "Ananya", "Pedro", "Greta", "Emeka", "Léa", "Omar",
];
const LAST: &[&str] = &[
    "Lovelace",
    "Hopper",
    "Turing",
    "Müller",
    "Álvarez",
    "Raman",
    "Chen",
    "Okafor",
    "Solberg",
    "Park",
    "Haddad",
    "Adeyemi",
    "Whitaker",
    "Nakamura",
    "Kowalski",
    "Dubois",
    "Mensah",
    "Rossi",
    "García",
    "Sato",
    "Patel",
    "Ivanova",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Nasser",
    "Boateng",
    "Fernández",
    "Cohen",
    "Murphy",
    "Yilmaz",
    "Kim",
    "Novak",
    "O'Brien",
    "Santos",
    "Schmidt",
    "Nguyen",
    "Silva",
    "Jensen",
    "Kaur",
];
const ORGS: &[&str] = &[
    "Acme Robotics",
    "Northbeam Ventures",
    "Chen & Partners CPA",
    "Kora Payments",
    "Haddad Legal",
    "Blake Freight",
    "Analytical Engines Ltd",
    "Müller Kaffeerösterei",
    "Han River Capital",
    "Lagos Business School",
    "Equinor",
    "Ferrocene",
    "Tartine Group",
    "Solberg Wind",
    "Álvarez Foods",
    "Blue Harbor Health",
    "Orbit Analytics",
    "Greenfield Farms",
];
const ROLES: &[&str] = &[
    "CEO",
    "CFO",
    "CTO",
    "Founder",
    "Partner",
    "Principal",
    "Managing Director",
    "Professor",
    "Head of Finance",
    "VP Engineering",
    "Controller",
    "General Counsel",
];
const CITIES: &[&str] = &[
    "London",
    "San Francisco",
    "Madrid",
    "Hamburg",
    "Lagos",
    "Seoul",
    "Bengaluru",
    "Nairobi",
    "Stavanger",
    "Beirut",
    "São Paulo",
    "Zürich",
    "Tokyo",
    "Toronto",
    "Lisbon",
    "Kraków",
];
const TAGS: &[&str] = &[
    "client",
    "coi",
    "referral-source",
    "mentor",
    "friend",
    "investor",
    "lawyer",
    "accountant",
    "prospect",
    "alumni",
    "board",
    "press",
];
const CADENCES: &[&str] = &[
    "weekly",
    "biweekly",
    "monthly",
    "quarterly",
    "yearly",
    "6w",
    "every 3 months",
    "2m",
    "semiannually",
];
const RELATIONSHIPS: &[&str] = &[
    "client",
    "referral source",
    "mentor",
    "friend",
    "investor",
    "centre of influence",
    "former client",
    "prospect",
];
const INTERESTS: &[&str] = &[
    "sailing",
    "poetry",
    "horses",
    "mathematics",
    "cycling",
    "jazz",
    "marathons",
    "climate tech",
    "olive oil",
    "skiing",
    "bread",
    "chess",
    "photography",
    "gardening",
    "opera",
    "football",
];
const PURPOSES: &[&str] = &[
    "Sends us two clients a year; wants intros to investors.",
    "Retainer client; renewal in March.",
    "Sounding board for pricing and hiring.",
    "Knows everyone in Nordic energy.",
    "Warm lead for Series A clients.",
    "Oldest friend from university.",
    "Refers founders who need fractional CFO help.",
];
const LOG: &[&str] = &[
    "Coffee. Her team is hiring two engineers; promised an intro.",
    "Call about the board seat.",
    "Lunch; talked about the Lisbon warehouse and the renewal.",
    "Quarterly review. Margins up three points.",
    "Sent the article on R&D tax credits.",
    "Video call about the spring case study.",
    "Dinner after the conference; wants a board deck template.",
    "Quick voice note about the Q4 pipeline.",
    "Workshop; agreed the scope in principle.",
    "Met at the sailing club regatta.",
];
const PROMISES: &[&str] = &[
    "Send the translation notes",
    "Intro to the investor from Seoul",
    "Share the audit checklist",
    "Send the draft statement of work",
];
const PROSE: &[&str] = &[
    "Thinks in systems and prefers a long walk to a meeting room.",
    "Likes a short voice note better than email.",
    "Has two kids and a dog called Biscuit; coaches the under-tens on Saturdays.",
    "Reads everything about monetary policy; happy to argue about it over lunch.",
    "Very direct. Appreciates an agenda sent the day before.",
];

/// splitmix64: small, fast and good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// A date `days_ago` days before 2026-11-24, as `YYYY-MM-DD`.
fn date(days_ago: usize) -> String {
    day(days_ago as i64)
}

/// A date `days_ago` days before 2026-11-24 (after it when negative), as
/// `YYYY-MM-DD`.
fn day(days_ago: i64) -> String {
    // Civil-from-days (Howard Hinnant), from the day number of 2026-11-24.
    let z = 20_781i64 - days_ago + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn note(rng: &mut Rng, name: &str, alias: Option<&str>) -> Vec<u8> {
    let mut text = String::new();
    let defect = rng.below(100) < 2;
    let defect_kind = rng.below(4);
    text.push_str("---\n");
    let _ = writeln!(text, "name: {name}");
    if let Some(alias) = alias {
        let _ = writeln!(text, "aliases: [{alias}]");
    }
    let tags: Vec<&str> = (0..1 + rng.below(3)).map(|_| rng.pick(TAGS)).collect();
    let _ = writeln!(text, "tags: [{}]", tags.join(", "));
    let _ = writeln!(text, "org: {}", rng.pick(ORGS));
    let _ = writeln!(text, "role: {}", rng.pick(ROLES));
    let _ = writeln!(text, "email: {}", email(name));
    let _ = writeln!(text, "location: {}", rng.pick(CITIES));
    if defect && defect_kind == 1 {
        text.push_str("cadence: whenever\n");
    } else if rng.chance(85) {
        let _ = writeln!(text, "cadence: {}", rng.pick(CADENCES));
    }
    let _ = writeln!(text, "relationship: {}", rng.pick(RELATIONSHIPS));
    let _ = writeln!(text, "purpose: {}", rng.pick(PURPOSES));
    let interests: Vec<&str> = (0..rng.below(4)).map(|_| rng.pick(INTERESTS)).collect();
    let _ = writeln!(text, "interests: [{}]", interests.join(", "));
    if rng.chance(40) {
        let _ = writeln!(text, "birthday: {}", date(7_000 + rng.below(18_000)));
    }
    if rng.chance(5) {
        let _ = writeln!(
            text,
            "snooze_until: {}",
            date(rng.below(60)).replace("2026", "2027")
        );
    }
    if rng.chance(3) {
        text.push_str("archived: true\n");
    } else if rng.chance(2) {
        // Obsidian's Properties say it the other way round.
        text.push_str("active: false\n");
    }
    if rng.chance(5) {
        // Other tools' spelling of a next-contact date, past or to come.
        let day = date(rng.below(40));
        let day = if rng.chance(50) {
            day
        } else {
            day.replace("2026", "2027")
        };
        let _ = writeln!(text, "next_follow_up: {day}");
    }
    if defect && defect_kind == 0 {
        text.push_str("aliases: [unclosed\n");
    }
    text.push_str("---\n");
    let _ = writeln!(text, "# {name}\n\n{}", rng.pick(PROSE));
    if rng.chance(4) {
        // Dataview inline fields (one the front matter overrules), a tag
        // in the text and a comment that hides a log line.
        let _ = writeln!(text, "\nlastSeen:: {}", date(rng.below(90)));
        let _ = writeln!(text, "Works at [company:: {}].", rng.pick(ORGS));
        let _ = writeln!(text, "Met through #{}/close friends.", rng.pick(TAGS));
        let _ = writeln!(text, "%% - {} private call %%", date(rng.below(5)));
    }
    text.push_str("\n## Log\n");
    let entries = rng.below(31);
    let mut ago = rng.below(30);
    for _ in 0..entries {
        if rng.chance(8) {
            // People tick what they did: only recent promises are open.
            let tick = if ago > 45 { 'x' } else { ' ' };
            let _ = writeln!(text, "- [{tick}] {} {}", date(ago), rng.pick(PROMISES));
        } else {
            let _ = writeln!(text, "- {} {}", date(ago), rng.pick(LOG));
        }
        ago += 1 + rng.below(40);
    }
    let mut bytes = if defect && defect_kind == 2 {
        text.replace('\n', "\r\n").into_bytes()
    } else {
        text.into_bytes()
    };
    if defect && defect_kind == 3 {
        bytes.splice(0..0, [0xEF, 0xBB, 0xBF]);
    }
    bytes
}

/// The alias of the person numbered `i`, for one in twenty; one in five
/// hundred share one.
fn alias(i: usize) -> Option<String> {
    if i % 500 == 3 {
        Some("Twin".into())
    } else if i % 20 == 7 {
        Some(format!("Nick {i}"))
    } else {
        None
    }
}

/// Writes `people` notes under `dir/people/` (100 a folder) and creates
/// `dir/.kith/`; returns their names, which are their file names. Same
/// seed, same bytes.
pub(crate) fn generate(dir: &Path, people: usize, seed: u64) -> std::io::Result<Vec<String>> {
    let mut rng = Rng(seed);
    std::fs::create_dir_all(dir.join(".kith"))?;
    let mut names = Vec::with_capacity(people);
    for i in 0..people {
        let name = format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST));
        // 100 people a folder, as a vault grown over years would have.
        let folder = dir.join("people").join(format!("{:03}", i / 100));
        if i % 100 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let note = note(&mut rng, &name, alias(i).as_deref());
        std::fs::write(folder.join(format!("{name}.md")), note)?;
        names.push(name);
    }
    Ok(names)
}

const DAY_LINES: &[&str] = &[
    "Groceries, laundry, a long run.",
    "Read two chapters of the tax code commentary.",
    "Quiet day; cleared the inbox.",
    "Sketched the Q1 plan.",
    "Dentist at 9.",
];
const WITH: &[&str] = &[
    "Lunch with {}, he'll send two founders",
    "Coffee with {} about the renewal",
    "Call with {}: pricing accepted",
    "Ran into {} at the sailing club",
    "{} asked for the audit checklist",
];
const TOPICS: &[&str] = &[
    "Board sync",
    "Pipeline review",
    "Pricing workshop",
    "Kickoff",
];

/// A link to the person numbered `i` (named `name`), as people write one.
fn link(rng: &mut Rng, i: usize, name: &str) -> String {
    if let Some(alias) = alias(i)
        && rng.chance(30)
    {
        return format!("[[{alias}]]");
    }
    match rng.below(100) {
        2 => format!("[[people/{:03}/{name}]]", i / 100),
        3 => format!(
            "[{name}](people/{:03}/{}.md)",
            i / 100,
            name.replace(' ', "%20")
        ),
        4 => format!("[[{name}|{}]]", name.split(' ').next().unwrap_or(name)),
        5 => "[[Someone Not Yet Written]]".into(),
        6 => {
            // A typo: the second letter left out (every first name starts
            // with an ASCII letter).
            let mut typo = name.to_string();
            typo.remove(1);
            format!("[[{typo}]]")
        }
        _ => format!("[[{name}]]"),
    }
}

/// One line of a daily note: a third mention someone (`names`).
fn day_line(rng: &mut Rng, names: &[String], days_ago: i64) -> String {
    if names.is_empty() || !rng.chance(33) {
        return format!("- {}", rng.pick(DAY_LINES));
    }
    let i = rng.below(names.len());
    let link = link(rng, i, &names[i]);
    let text = rng.pick(WITH).replace("{}", &link);
    match rng.below(100) {
        0..=7 => {
            // Tasks for someone: open when recent, ticked when old.
            let tick = if days_ago > 30 { 'x' } else { ' ' };
            format!("- [{tick}] Send {link} the deck")
        }
        8..=9 => format!("- [ ] {} Follow up with {link}", day(days_ago - 14)),
        10 => format!("`{text}`"),
        11 => format!("%% {text} %%"),
        _ => format!("- {text}"),
    }
}

/// Writes the daily notes of the `days` days to 2026-11-24 and of the week
/// after (`Journal/YYYY-MM-DD.md`) and a meeting note a week
/// (`Meetings/YYYY-MM-DD Topic.md`, its attendees a property), mentioning
/// the people `names` of a vault made by [`generate`]. Same seed, same
/// bytes.
pub(crate) fn generate_dated(
    dir: &Path,
    names: &[String],
    days: usize,
    seed: u64,
) -> std::io::Result<()> {
    let mut rng = Rng(seed ^ 0xDA11);
    std::fs::create_dir_all(dir.join("Journal"))?;
    std::fs::create_dir_all(dir.join("Meetings"))?;
    for ago in -7..days as i64 {
        let mut text = format!(
            "# {}

",
            day(ago)
        );
        for _ in 0..2 + rng.below(5) {
            let _ = writeln!(text, "{}", day_line(&mut rng, names, ago));
        }
        std::fs::write(dir.join(format!("Journal/{}.md", day(ago))), text)?;
        if ago % 7 == 0 && !names.is_empty() {
            let mut text = String::from(
                "---
attendees:
",
            );
            for _ in 0..2 + rng.below(3) {
                let i = rng.below(names.len());
                let _ = writeln!(text, "  - \"[[{}]]\"", names[i]);
            }
            let topic = rng.pick(TOPICS);
            let _ = writeln!(
                text,
                "---
# {topic}

Notes from the {topic}."
            );
            std::fs::write(dir.join(format!("Meetings/{} {topic}.md", day(ago))), text)?;
        }
    }
    Ok(())
}

/// The email of the person called `name`.
fn email(name: &str) -> String {
    format!(
        "{}@example.com",
        name.to_lowercase().replace([' ', '\''], ".")
    )
}

/// A vCard 3.0 address book of `cards` cards (CRLF, as exporters write),
/// people named as in [`generate`]. Same seed, same bytes.
pub(crate) fn address_book(cards: usize, seed: u64) -> String {
    let mut rng = Rng(seed);
    let mut out = String::new();
    let mut names: Vec<String> = Vec::with_capacity(cards);
    for i in 0..cards {
        let again = i > 0 && rng.chance(2);
        let name = if again {
            names[rng.below(names.len())].clone()
        } else {
            format!("{} {} {i}", rng.pick(FIRST), rng.pick(LAST))
        };
        let (given, family) = name.split_once(' ').unwrap_or((&name, ""));
        let _ = write!(
            out,
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:{name}\r\nN:{family};{given};;;\r\n\
             EMAIL;TYPE=INTERNET:{}\r\nTEL;TYPE=CELL:+44 20 7946 {:04}\r\n\
             ORG:{}\r\nTITLE:{}\r\nADR;TYPE=WORK:;;;{};;;\r\n",
            email(&name),
            rng.below(10_000),
            rng.pick(ORGS),
            rng.pick(ROLES),
            rng.pick(CITIES),
        );
        if rng.chance(40) {
            let _ = write!(out, "BDAY:{}\r\n", date(7_000 + rng.below(18_000)));
        }
        if rng.chance(30) {
            let tags: Vec<&str> = (0..1 + rng.below(2)).map(|_| rng.pick(TAGS)).collect();
            let _ = write!(out, "CATEGORIES:{}\r\n", tags.join(","));
        }
        if rng.chance(20) {
            let purpose = rng.pick(PURPOSES).replace(',', "\\,").replace(';', "\\;");
            let _ = write!(out, "NOTE:{purpose}\r\n");
        }
        out.push_str("END:VCARD\r\n");
        if !again {
            names.push(name);
        }
    }
    out
}
