//! `roreg due`: reminders for cron (text, exit 1 when something is due,
//! nothing printed when nothing is), JSON lines for scripts, and an
//! iCalendar file that calendars subscribe to.

mod common;

use std::path::Path;
use std::process::Output;

use common::{assert_golden, example, fixtures, roreg, transcript};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

fn due(file: &Path, args: &[&str]) -> Output {
    roreg().arg("due").arg(file).args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

/// A copy of the example with `edit` applied to its text.
fn edited_example(dir: &Path, edit: impl Fn(String) -> String) -> std::path::PathBuf {
    let path = dir.join("register.ron");
    let text = std::fs::read_to_string(example()).unwrap();
    std::fs::write(&path, edit(text)).unwrap();
    path
}

fn events(ics: &str) -> Vec<icalendar::Event> {
    let calendar: Calendar = ics.parse().expect("an iCalendar parser reads it");
    calendar
        .components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn text_groups_what_is_due_by_owner_overdue_first_and_exits_1() {
    let output = due(&example(), &[]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    // The most urgent group first; within it, by date.
    let dpatel = out.find("Dev Patel (dpatel)").unwrap();
    let lwilson = out.find("Laura Wilson (lwilson)").unwrap();
    assert!(dpatel < lwilson, "{out}");
    assert!(
        out.lines()
            .any(|l| l.starts_with("  OVERDUE  R-012 ") && l.contains(" review ")),
        "{out}"
    );
    assert!(out.contains("in 13 days"), "{out}");
    assert_golden(&fixtures().join("due/example.txt"), &transcript(&output));
}

#[test]
fn nothing_due_prints_nothing_and_exits_0_so_cron_sends_no_mail() {
    // Jane Smith's only due is the management review, months ahead.
    let output = due(&example(), &["--owner", "jsmith"]);
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stdout.is_empty(), "{}", transcript(&output));
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    // A wider window brings it in, for top management.
    let wider = due(&example(), &["--owner", "jsmith", "--within", "200"]);
    assert_eq!(wider.status.code(), Some(1));
    assert!(
        stdout(&wider).contains("Top management: Dev Patel (dpatel), Jane Smith (jsmith)"),
        "{}",
        stdout(&wider)
    );
    assert!(
        stdout(&wider)
            .lines()
            .any(|l| l.starts_with("  due  9.3") && l.contains("management review")),
        "{}",
        stdout(&wider)
    );
}

#[test]
fn an_unreadable_register_exits_2_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    std::fs::write(&broken, "(format: 1, organisation: \"X\", items: [(\n").unwrap();
    let output = due(&broken, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("broken.ron:"), "{stderr}");

    let missing = due(Path::new("/nonexistent/register.ron"), &[]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn an_owner_who_is_not_in_people_is_refused_with_the_ids_that_are() {
    let output = due(&example(), &["--owner", "nobody"]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--owner nobody is not a people id") && stderr.contains("jsmith"),
        "{stderr}"
    );
}

#[test]
fn json_is_one_object_per_line_with_a_version_and_the_same_keys() {
    let output = due(&example(), &["--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    let mut key_orders = std::collections::BTreeSet::new();
    for line in out.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(value["version"], 1, "{line}");
        let keys: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
        key_orders.insert(keys);
    }
    assert_eq!(key_orders.len(), 1, "every line has the same keys");
    // As many lines as the text has dues.
    let text = stdout(&due(&example(), &[]));
    let dues = text.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(out.lines().count(), dues);
    assert_golden(&fixtures().join("due/example.jsonl"), &out);
}

#[test]
fn the_calendar_parses_back_as_separate_all_day_events_with_unique_uids() {
    let output = due(&example(), &["--format", "ics"]);
    // A calendar is an export: written, exit 0, whatever it holds.
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    let ics = stdout(&output);
    assert!(
        ics.lines().all(|l| l.len() <= 76),
        "folded at 75 octets + CR"
    );
    assert!(ics.contains("\r\n"), "CRLF line ends");
    let events = events(&ics);
    // Every date ahead, not only the next fortnight.
    let json = stdout(&due(
        &example(),
        &["--format", "json", "--within", "100000"],
    ));
    assert_eq!(events.len(), json.lines().count());
    let mut uids = std::collections::HashSet::new();
    for event in &events {
        assert!(uids.insert(event.get_uid().unwrap().to_string()));
        assert!(
            matches!(event.get_start(), Some(DatePerhapsTime::Date(_))),
            "all-day: {:?}",
            event.get_summary()
        );
    }
    let review = events
        .iter()
        .find(|e| {
            e.get_summary() == Some("Review R-012: Energy cost increase makes anodising uneconomic")
        })
        .expect("R-012's review");
    assert_eq!(
        review.get_start(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 7, 21).unwrap()
        ))
    );
    assert_golden(&fixtures().join("due/example.ics"), &ics);
}

#[test]
fn the_same_register_gives_the_same_bytes_and_a_moved_date_keeps_its_uid() {
    let first = stdout(&due(&example(), &["--format", "ics"]));
    let again = stdout(&due(&example(), &["--format", "ics"]));
    assert_eq!(first, again);

    let dir = tempfile::tempdir().unwrap();
    // R-012's review moved from July to January: the same event, moved.
    let moved = edited_example(dir.path(), |t| {
        t.replacen(
            "next_review: Some(\"2026-07-21\")",
            "next_review: Some(\"2027-01-15\")",
            1,
        )
    });
    let after = stdout(&due(&moved, &["--format", "ics"]));
    let uid_of = |ics: &str| {
        events(ics)
            .into_iter()
            .find(|e| {
                e.get_summary()
                    .is_some_and(|s| s.starts_with("Review R-012"))
            })
            .map(|e| (e.get_uid().unwrap().to_string(), e.get_start()))
            .unwrap()
    };
    let (uid_before, start_before) = uid_of(&first);
    let (uid_after, start_after) = uid_of(&after);
    assert_eq!(uid_before, uid_after);
    assert_ne!(start_before, start_after);
}

#[test]
fn text_from_the_file_is_escaped_and_folded_and_reads_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let title = "Supplier, tooling; and \\\\ coolant: a very long title that must be folded \
                 across more than one line of the calendar file";
    let file = edited_example(dir.path(), |t| {
        t.replacen(
            "title: \"Energy cost increase makes anodising uneconomic\"",
            &format!("title: \"{title}\""),
            1,
        )
    });
    let ics = stdout(&due(&file, &["--format", "ics"]));
    let events = events(&ics);
    let summaries: Vec<&str> = events.iter().filter_map(|e| e.get_summary()).collect();
    let unescaped = title.replace("\\\\", "\\");
    assert!(
        summaries.contains(&format!("Review R-012: {unescaped}").as_str()),
        "{summaries:?}"
    );
}

#[test]
fn an_alarm_is_added_only_when_asked_and_only_to_a_calendar() {
    let plain = stdout(&due(&example(), &["--format", "ics"]));
    assert!(!plain.contains("BEGIN:VALARM"));
    let alarmed = stdout(&due(&example(), &["--format", "ics", "--alarm-days", "3"]));
    let events = events(&alarmed).len();
    assert_eq!(alarmed.matches("BEGIN:VALARM").count(), events);
    assert_eq!(alarmed.matches("TRIGGER:-P3D").count(), events);

    let refused = due(&example(), &["--alarm-days", "3"]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("--format ics only"));
}

#[test]
fn a_measure_read_monthly_wants_its_next_reading_from_its_owner() {
    let output = due(&example(), &["--owner", "mokoro"]);
    let out = stdout(&output);
    // Read on 2026-10-31, monthly: the next on 2026-11-30.
    assert!(
        out.lines().any(|l| l.starts_with("  due  KPI-001  reading")
            && l.contains("2026-11-30")
            && l.contains("On-time delivery")),
        "{out}"
    );
    let json = stdout(&due(&example(), &["--format", "json", "--owner", "mokoro"]));
    let reading: serde_json::Value = json
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|v| v["kind"] == "reading")
        .expect("a reading line");
    assert_eq!(reading["key"], "reading-KPI-001-2026-11-30");
    assert_eq!(reading["id"], "KPI-001");
    assert_eq!(reading["item"], serde_json::Value::Null);
    assert_eq!(reading["owners"], serde_json::json!(["mokoro"]));

    let ics = stdout(&due(&example(), &["--format", "ics"]));
    let event = events(&ics)
        .into_iter()
        .find(|e| e.get_summary() == Some("Reading KPI-001: On-time delivery"))
        .expect("the reading in the calendar");
    assert!(
        event
            .get_uid()
            .unwrap()
            .starts_with("reading-KPI-001-2026-11-30@"),
        "{:?}",
        event.get_uid()
    );
    assert_eq!(
        event.get_start(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap()
        ))
    );
    assert!(
        event
            .get_description()
            .unwrap()
            .contains("target ≥ 95 %, monthly; latest 93.1 % on 2026-10-31"),
        "{:?}",
        event.get_description()
    );
}

#[test]
fn a_measure_nobody_owns_falls_to_top_management() {
    let dir = tempfile::tempdir().unwrap();
    let unowned = edited_example(dir.path(), |t| {
        t.replacen(
            "cadence: Some(Monthly),\n            owner: \"mokoro\",\n",
            "cadence: Some(Monthly),\n",
            1,
        )
    });
    let out = stdout(&due(&unowned, &["--owner", "jsmith"]));
    assert!(
        out.contains("Jane Smith (jsmith)") && out.contains("KPI-001  reading"),
        "{out}"
    );
}

#[test]
fn the_readme_cron_line_mails_each_owner_only_when_something_is_due() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.contains("roreg due") && l.contains("mail -E"))
        .expect("README gives the cron line");
    let command = line
        .splitn(7, ' ')
        .nth(6)
        .expect("five time fields and a user");
    let dir = tempfile::tempdir().unwrap();
    let bin = dir.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    // `mail -E -s SUBJECT TO`: sends nothing when stdin is empty, like bsd-mailx.
    let mail = bin.join("mail");
    std::fs::write(
        &mail,
        "#!/bin/sh\nbody=$(cat)\n[ -n \"$body\" ] || exit 0\nprintf '%s\\n%s\\n' \"$4\" \"$body\" >> \"$OUTBOX\"\n",
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&mail, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_roreg"), bin.join("roreg")).unwrap();
    let srv = dir.path().join("srv");
    std::fs::create_dir(&srv).unwrap();
    std::fs::copy(example(), srv.join("register.ron")).unwrap();
    std::fs::write(
        srv.join("owners"),
        "dpatel dev.patel@example.com\njsmith jane.smith@example.com\n",
    )
    .unwrap();
    let command = command.replace("/srv/quality", srv.to_str().unwrap());
    let outbox = dir.path().join("outbox");
    let run = std::process::Command::new("sh")
        .arg("-c")
        .arg(&command)
        .env("PATH", format!("{}:/usr/bin:/bin", bin.display()))
        .env("OUTBOX", &outbox)
        .env("ROREG_TODAY", "2026-11-21")
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", transcript(&run));
    let sent = std::fs::read_to_string(&outbox).unwrap_or_default();
    // Dev Patel has reviews and actions due; Jane Smith nothing this fortnight.
    assert!(sent.starts_with("dev.patel@example.com\n"), "{sent}");
    assert!(sent.contains("R-012"), "{sent}");
    assert!(!sent.contains("jane.smith"), "{sent}");
}
