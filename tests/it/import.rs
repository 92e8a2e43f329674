//! `kith import vcard`: real-world exports become notes that read back;
//! nothing is overwritten, `--merge` only adds, `--dry-run` writes nothing,
//! and bad files are errors naming the file and line.

use std::collections::HashSet;

use predicates::prelude::*;

use crate::genvault;
use crate::util::TestVault;

/// Every fixture, as the paths kith is given.
fn fixtures() -> Vec<String> {
    ["apple", "google", "android", "khard"]
        .iter()
        .map(|name| format!("{}/tests/fixtures/{name}.vcf", env!("CARGO_MANIFEST_DIR")))
        .collect()
}

fn import(vault: &TestVault, extra: &[&str]) -> assert_cmd::assert::Assert {
    let files = fixtures();
    let mut args = vec!["import", "vcard"];
    args.extend(extra);
    args.extend(files.iter().map(String::as_str));
    vault.kith(&args).assert()
}

#[test]
fn apple_google_android_and_khard_exports_become_notes_that_read_back() {
    let vault = TestVault::new();
    let output = import(&vault, &[]).code(1).get_output().clone();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stdout,
        "created people/Ada Lovelace.md\ncreated people/Grace Hopper.md\ncreated people/Acme Corp.md\n\
         created people/Zoë Müller.md\ncreated people/AC-DC Fan Club.md\ncreated people/Tomás Álvarez.md\n\
         created people/Leo Park.md\n"
    );
    assert!(
        stderr.contains("apple.vcf:47: not imported: a contact group, not a person\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("google.vcf:21: 'Zoe Muller' taken as the person of "),
        "{stderr}"
    );
    assert!(stderr.ends_with(
        "created 7, merged 0, skipped 0 (already present), not imported 1 (see the messages above)\n"
    ));

    assert_eq!(
        vault.read("people/Ada Lovelace.md"),
        "---\nname: Ada Lovelace\norg: Analytical Engines Ltd, Research\nrole: CTO\naliases: [Ada]\n\
         email: [ada@example.com, ada@engines.example]\nphone: +44 20 7946 0000\nlocation: London\n\
         birthday: 1815-12-10\n---\n# Ada Lovelace\n\n## Log\n"
    );
    // Apple's year 1604 means "no year"; the NOTE's escapes are undone.
    assert_eq!(
        vault.read("people/Grace Hopper.md"),
        "---\nname: Grace Hopper\nemail: grace@navy.example\nbirthday: --12-09\n\
         purpose: \"Compilers, COBOL; and nanoseconds.\\nAsk about the wire.\"\n---\n# Grace Hopper\n\n## Log\n"
    );
    // Google: BOM, myContacts dropped, quoted-printable NOTE with a soft
    // break, and a second card of the same person folded in.
    assert_eq!(
        vault.read("people/Zoë Müller.md"),
        "---\nname: Zoë Müller\norg: Charité\nrole: Researcher\ntags: [Friends, coi]\n\
         email: [zoe@example.de, zoe.work@example.de]\nphone: [+49 30 1234567, +49 30 7654321]\n\
         location: Berlin\nbirthday: --04-15\n\
         purpose: \"Met at the Berlin conference.\\nIntroduced by Ada; wants to meet investors.\"\n\
         ---\n# Zoë Müller\n\n## Log\n"
    );
    // Android 2.1: quoted-printable UTF-8 name split by a soft line break,
    // the preferred phone first, a basic-format BDAY.
    assert_eq!(
        vault.read("people/Tomás Álvarez.md"),
        "---\nname: Tomás Álvarez\nemail: tomas@example.es\nphone: [\"+34600111222\", \"+34911222333\"]\n\
         birthday: 1985-04-15\n---\n# Tomás Álvarez\n\n## Log\n"
    );
    // A name with '/' keeps its name in a file name it can have.
    assert!(
        vault
            .read("people/AC-DC Fan Club.md")
            .starts_with("---\nname: AC/DC Fan Club\n")
    );
    // No name at all: the organisation.
    assert!(
        vault
            .read("people/Acme Corp.md")
            .starts_with("---\nname: Acme Corp\norg: Acme Corp\n")
    );
    vault
        .kith(&["check"])
        .assert()
        .code(0)
        .stderr("7 notes, 0 problems\n");
    let show = vault.stdout(&["show", "leo"], 0);
    for line in [
        "tags            client, referral source",
        "phone           +1-555-0100",
        "birthday        --02-29",
        "location        Portland",
    ] {
        assert!(show.contains(line), "{line:?} not in:\n{show}");
    }
}

#[test]
fn a_second_import_skips_everyone_and_changes_no_byte() {
    let vault = TestVault::new();
    import(&vault, &[]).code(1);
    let before = vault.snapshot("");
    import(&vault, &[])
        .code(1)
        .stderr(predicate::str::ends_with(
            "created 0, merged 0, skipped 7 (already present), not imported 1 (see the messages above)\n",
        ))
        .stdout(predicate::str::contains(
            "skipped people/Ada Lovelace.md (already present)\n",
        ));
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn existing_notes_are_never_overwritten_without_merge() {
    let vault = TestVault::new();
    vault.person("Ada Lovelace", "my own words\n");
    vault.person("Someone", "---\nemail: GRACE@navy.example\n---\n");
    vault.person("Leo Park", b"\xff\xfe binary, not a person\n".as_slice());
    let before = vault.snapshot("");
    let out = vault
        .kith(&["import", "vcard", &fixtures()[0], &fixtures()[3]])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    // Same name; same email under another name; a file kith cannot read.
    assert!(
        stdout.contains("skipped people/Ada Lovelace.md (already present)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("skipped people/Someone.md (already present)\n"),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "people/Leo Park.md already exists and is not this person's note; kith never overwrites"
        ),
        "{stderr}"
    );
    let after = vault.snapshot("");
    for (path, bytes) in &before {
        assert_eq!(after.get(path), Some(bytes), "{} changed", path.display());
    }
    assert!(vault.path().join("people/Acme Corp.md").is_file());
}

#[test]
fn merge_adds_only_missing_fields_and_keeps_every_other_byte() {
    let vault = TestVault::new();
    let note = "\u{feff}---\r\nname: Ada Lovelace\r\ncompany: Babbage & Co   # her own firm\r\nphone:\r\ncadence: monthly\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-11-02 Coffee\r\n";
    vault.person("Ada Lovelace", note);
    let untouched = "---\nname: Leo Park\nemail: [leo@park.example]\norg: Park & Sons\nrole: Founder\ntags: [client, referral source]\naliases: [Leo P.]\nphone: \"+1-555-0100\"\nlocation: Portland\nbirthday: --02-29\n---\n";
    vault.person("Leo", untouched);
    vault
        .kith(&["import", "vcard", "--merge", &fixtures()[0], &fixtures()[3]])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "merged people/Ada Lovelace.md (adds aliases, role, email, phone, location, birthday)\n",
        ))
        .stdout(predicate::str::contains(
            "skipped people/Leo.md (already present, nothing to add)\n",
        ))
        .stderr(predicate::str::contains(
            "created 2, merged 1, skipped 1 (already present), not imported 1",
        ));
    assert_eq!(
        vault.read("people/Ada Lovelace.md"),
        "\u{feff}---\r\nname: Ada Lovelace\r\ncompany: Babbage & Co   # her own firm\r\nphone: +44 20 7946 0000\r\ncadence: monthly\r\naliases: [Ada]\r\nrole: CTO\r\nemail: [ada@example.com, ada@engines.example]\r\nlocation: London\r\nbirthday: 1815-12-10\r\n---\r\n# Ada\r\n\r\n## Log\r\n- 2026-11-02 Coffee\r\n"
    );
    assert_eq!(vault.read("people/Leo.md"), untouched);
    vault.kith(&["check"]).assert().code(0);
}

#[test]
fn merge_leaves_a_note_it_cannot_read_safely_alone() {
    let vault = TestVault::new();
    let broken = "---\nname: Ada Lovelace\nbad: [unclosed\n---\n";
    vault.person("Ada Lovelace", broken);
    vault
        .kith(&["import", "vcard", "--merge", &fixtures()[0]])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "apple.vcf:1: not imported: people/Ada Lovelace.md left as it was: its front matter is not a set of 'key: value' fields",
        ));
    assert_eq!(vault.read("people/Ada Lovelace.md"), broken);
}

#[test]
fn dry_run_says_what_would_happen_and_writes_nothing() {
    let vault = TestVault::new();
    vault.person("Grace Hopper", "---\nname: Grace Hopper\n---\n");
    let before = vault.snapshot("");
    import(&vault, &["--dry-run", "--merge"])
        .code(1)
        .stdout(predicate::str::contains("would create people/Ada Lovelace.md\n"))
        .stdout(predicate::str::contains(
            "would merge people/Grace Hopper.md (adds email, birthday, purpose)\n",
        ))
        .stderr(predicate::str::ends_with(
            "dry run: would create 6, merge 1, skip 0 (already present), not imported 1 (see the messages above); nothing written\n",
        ));
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn a_bad_file_is_an_error_naming_its_line_and_nothing_is_written() {
    let vault = TestVault::new();
    let bad = vault.write(
        "in/bad.vcf",
        "this is not a property\r\nBEGIN:VCARD\r\nFN:Ok\r\nEND:VCARD\r\n",
    );
    let cut = vault.write("in/cut.vcf", "BEGIN:VCARD\nFN:Cut short\n");
    let text = vault.write("in/notes.txt", "Just some text\n");
    let before = vault.snapshot("");
    for (file, message) in [
        (
            &bad,
            "bad.vcf:1: no ':' between the property name and its value: 'this is not a property'",
        ),
        (
            &cut,
            "cut.vcf:1: this card never ends: END:VCARD is missing",
        ),
        (&text, "notes.txt:1: no ':' between"),
    ] {
        vault
            .kith(&["import", "vcard", &fixtures()[1], file.to_str().unwrap()])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::starts_with("kith: "))
            .stderr(predicate::str::contains(message));
    }
    vault
        .kith(&["import", "vcard", "missing.vcf"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "kith: cannot read missing.vcf: ",
        ));
    assert_eq!(before, vault.snapshot(""));
}

#[test]
fn hostile_names_stay_inside_the_people_folder() {
    let vault = TestVault::new();
    vault.write(".kith/config.yaml", "report: people/Follow-ups.md\n");
    let file = vault.write(
        "in/evil.vcf",
        "BEGIN:VCARD\nFN:../../escape\nEND:VCARD\nBEGIN:VCARD\nFN:.hidden\nEND:VCARD\n\
         BEGIN:VCARD\nFN:Follow-ups\nEND:VCARD\nBEGIN:VCARD\nFN:a\\nb\\\\c\nEND:VCARD\n",
    );
    let out = vault.stdout(&["import", "vcard", file.to_str().unwrap()], 0);
    // The report's name is taken, as by a note: the card gets a number.
    assert_eq!(
        out,
        "created people/-.-escape.md\ncreated people/hidden.md\ncreated people/Follow-ups (2).md\n\
         created people/a b-c.md\n"
    );
    assert!(!vault.path().join("people/Follow-ups.md").exists());
    assert!(
        vault
            .read("people/-.-escape.md")
            .starts_with("---\nname: ../../escape\n")
    );
    let names: Vec<String> = std::fs::read_dir(vault.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".md")), "{names:?}");
    vault.kith(&["check"]).assert().code(0);
}

#[test]
fn merge_into_one_of_several_notes_of_the_same_name_is_refused() {
    let vault = TestVault::new();
    let note = "---\nname: Sam Lee\n---\n";
    vault.person("a/Sam Lee", note);
    vault.person("b/Sam Lee", note);
    let card = vault.write(
        "in/sam.vcf",
        "BEGIN:VCARD\nFN:Sam Lee\nTEL:+1 555\nEND:VCARD\n",
    );
    let card = card.to_str().unwrap();
    let before = vault.snapshot("");
    let output = vault
        .kith(&["import", "vcard", "--merge", card])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains(
            "sam.vcf:1: not imported: 'Sam Lee' could be the person of 2 notes; add what the card says \
             by hand to the right one:\n  Sam Lee  (people/a/Sam Lee.md)\n  Sam Lee  (people/b/Sam Lee.md)\n"
        ),
        "{stderr}"
    );
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "");
    assert_eq!(before, vault.snapshot(""), "a note was changed");
    vault
        .kith(&["import", "vcard", card])
        .assert()
        .code(0)
        .stdout("skipped people/a/Sam Lee.md, people/b/Sam Lee.md (already present)\n");
    assert_eq!(before, vault.snapshot(""), "a note was changed");
}

#[test]
fn merge_fills_an_empty_key_before_its_comment_and_names_what_it_left() {
    let vault = TestVault::new();
    vault.person(
        "Leo",
        "---\nname: Leo Park\nphone:   # fill in\norg: ~\n---\n# Leo\n",
    );
    vault
        .kith(&["import", "vcard", "--merge", &fixtures()[3]])
        .assert()
        .code(0)
        .stdout(
            "merged people/Leo.md (adds aliases, tags, role, email, phone, location, birthday; \
             left org empty as written, fill by hand)\n",
        );
    assert_eq!(
        vault.read("people/Leo.md"),
        "---\nname: Leo Park\nphone: +1-555-0100   # fill in\norg: ~\naliases: [Leo P.]\n\
         tags: [client, referral source]\nrole: Founder\nemail: [leo@park.example, leo.home@example.com]\n\
         location: Portland\nbirthday: --02-29\n---\n# Leo\n"
    );
}

#[test]
fn a_line_of_a_card_that_is_not_a_property_is_left_out_with_a_warning() {
    let vault = TestVault::new();
    let file = vault.write(
        "in/odd.vcf",
        "BEGIN:VCARD\r\nVERSION:2.1\r\nFN:Ada\r\nX_SKYPE:ada\r\n\
         PHOTO;ENCODING=BASE64;TYPE=JPEG:/9j/4AAQSkZJRgABAQ\r\nAAAQABAAD/2wBDAAMCAgMCAgMD\r\n\r\n\
         TEL:+1 555\r\nEND:VCARD\r\n",
    );
    vault
        .kith(&["import", "vcard", file.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout("created people/Ada.md\n")
        .stderr(predicate::str::starts_with(format!(
            "kith: {}:4: 'X_SKYPE' is not a property name (letters, digits and '-' only): \
             'X_SKYPE:ada'; line left out\ncreated 1,",
            file.display()
        )));
    assert!(vault.read("people/Ada.md").contains("phone: +1 555\n"));
}

/// The front matter of the note at `rel`, as serde_yaml reads it.
fn front_matter(vault: &TestVault, rel: &str) -> serde_yaml::Value {
    let text = vault.read(rel);
    let yaml = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("\n---\n"))
        .map(|(yaml, _)| yaml)
        .unwrap_or_else(|| panic!("no front matter in {text}"));
    serde_yaml::from_str(yaml).unwrap()
}

#[test]
fn values_yaml_would_read_as_numbers_booleans_or_null_read_back_as_written() {
    let vault = TestVault::new();
    vault.person("James Bond", "---\nname: James Bond\n---\n# James Bond\n");
    let cards = vault.write(
        "cards/bond.vcf",
        "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:James Bond\r\nNICKNAME:007,yes\r\nORG:null\r\n\
         TITLE:~\r\nADR:;;;1e3;;;\r\nCATEGORIES:no,0x1F,.inf\r\nEND:VCARD\r\n\
         BEGIN:VCARD\r\nVERSION:3.0\r\nFN:True\r\nORG:On\r\nTEL:0123\r\nEND:VCARD\r\n",
    );
    vault
        .kith(&["import", "vcard", "--merge", cards.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(
            "merged people/James Bond.md (adds aliases, tags, org, role, location)\n\
             created people/True.md\n",
        );
    // serde_yaml reads `007` and `yes` as text; YAML 1.1 readers do not.
    let written = vault.read("people/James Bond.md");
    for line in [
        "aliases: [\"007\", \"yes\"]\n",
        "tags: [\"no\", \"0x1F\", \".inf\"]\n",
        "org: \"null\"\n",
        "role: \"~\"\n",
        "location: \"1e3\"\n",
    ] {
        assert!(written.contains(line), "{line:?} in {written}");
    }
    let bond = front_matter(&vault, "people/James Bond.md");
    let text = |key: &str| bond[key].as_str().map(str::to_string);
    let list = |key: &str| -> Vec<String> {
        bond[key]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(list("aliases"), ["007", "yes"]);
    assert_eq!(list("tags"), ["no", "0x1F", ".inf"]);
    assert_eq!(text("org").as_deref(), Some("null"));
    assert_eq!(text("role").as_deref(), Some("~"));
    assert_eq!(text("location").as_deref(), Some("1e3"));
    let created = front_matter(&vault, "people/True.md");
    assert_eq!(created["name"].as_str(), Some("True"));
    assert_eq!(created["org"].as_str(), Some("On"));
    assert_eq!(created["phone"].as_str(), Some("0123"));
    // And kith reads them as the same text.
    vault
        .kith(&["show", "James Bond"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("null").and(predicate::str::contains("1e3")));
}

#[test]
fn an_address_book_of_ten_thousand_cards_becomes_a_note_per_person() {
    let vault = TestVault::new();
    let book = genvault::address_book(10_000, 11);
    let people: HashSet<&str> = book
        .lines()
        .filter_map(|line| line.strip_prefix("FN:"))
        .collect();
    assert!(people.len() > 9_000 && people.len() < 10_000);
    let cards = vault.write("cards/book.vcf", &book);
    let output = vault
        .kith(&["import", "vcard", cards.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.ends_with(&format!(
            "created {}, merged 0, skipped 0 (already present)\n",
            people.len()
        )),
        "{}",
        &stderr[stderr.len().saturating_sub(500)..]
    );
    let notes = std::fs::read_dir(vault.path().join("people"))
        .unwrap()
        .count();
    assert_eq!(notes, people.len());
    let listed = vault.stdout(&["list"], 0);
    assert_eq!(listed.lines().count(), people.len());
}

#[test]
fn every_value_a_yaml_reader_could_misread_round_trips_through_merge() {
    let vault = TestVault::new();
    // Numbers, booleans and nulls of YAML 1.1 and 1.2, dates, and text
    // that starts or holds YAML syntax; vCard values are trimmed.
    let values = [
        "007",
        "yes",
        "Yes",
        "NO",
        "on",
        "OFF",
        "y",
        "N",
        "null",
        "~",
        "true",
        "1e3",
        "1E-3",
        ".inf",
        "-.Inf",
        ".nan",
        "0x1F",
        "0o17",
        "0b101",
        "+1",
        "-5",
        "1_000",
        "12:30",
        "2026-11-24",
        "2026-1-2 10:00",
        "#1 fan",
        "a #b",
        "Ada: Lovelace",
        "ends:",
        "-",
        "? q",
        "&anchor",
        "*alias",
        "!tag",
        "|pipe",
        ">fold",
        "'single",
        "\"double\"",
        "%pct",
        "@at",
        "`tick",
        "=",
        "<<",
        "Zoë Müller",
        "O'Brien",
        "+44 20 7946 0000",
    ];
    let mut book = String::new();
    for (i, value) in values.iter().enumerate() {
        vault.person(&format!("P{i}"), format!("---\nname: P{i}\n---\n"));
        book.push_str(&format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:P{i}\r\nNICKNAME:{value}\r\nORG:{value}\r\n\
             TITLE:{value}\r\nEND:VCARD\r\n"
        ));
    }
    let cards = vault.write("cards/book.vcf", &book);
    vault
        .kith(&["import", "vcard", "--merge", cards.to_str().unwrap()])
        .assert()
        .code(0)
        .stderr(predicate::str::ends_with(format!(
            "created 0, merged {}, skipped 0 (already present)\n",
            values.len()
        )));
    for (i, value) in values.iter().enumerate() {
        let note = front_matter(&vault, &format!("people/P{i}.md"));
        let text = |key: &str| note[key].as_str().map(str::to_string);
        assert_eq!(text("org").as_deref(), Some(*value), "org of {value:?}");
        assert_eq!(text("role").as_deref(), Some(*value), "role of {value:?}");
        let aliases = note["aliases"].as_sequence().unwrap();
        assert_eq!(aliases.len(), 1, "aliases of {value:?}");
        assert_eq!(aliases[0].as_str(), Some(*value), "alias of {value:?}");
        // YAML 1.1 readers (PyYAML) take `yes` and `0o17`'s kin otherwise:
        // all but the ordinary text at the end are quoted.
        let ordinary = i >= values.len() - 3;
        let quoted = vault.read(&format!("people/P{i}.md")).contains("\norg: \"");
        assert_eq!(quoted, !ordinary, "quoting of {value:?}");
    }
}
