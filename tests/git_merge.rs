//! The register in a real git repository: branches with roreg changes on
//! each, merged by git through `roreg merge-driver` (set up by
//! `roreg git-setup`), as a quality team would.

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicU32, Ordering};

use roreg::domain::{Register, Score, Timestamp, history, meetings};
use roreg::storage;

struct Repo {
    _dir: tempfile::TempDir,
    root: PathBuf,
    file: PathBuf,
}

fn git_is_there() {
    let found = Command::new("git").arg("--version").output();
    assert!(
        found.is_ok_and(|o| o.status.success()),
        "these tests run real git: install it (apt-get install git); .ci/run does"
    );
}

impl Repo {
    /// A repository with the example register committed on `main`, roreg
    /// set up as its merge driver.
    fn new() -> Repo {
        git_is_there();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("quality");
        std::fs::create_dir(&root).unwrap();
        let file = root.join("register.ron");
        std::fs::copy(common::example(), &file).unwrap();
        let repo = Repo {
            _dir: dir,
            root,
            file,
        };
        repo.git(&["init", "-q", "-b", "main"]);
        std::fs::write(repo.root.join(".gitignore"), "*.bak\n*.lock\n").unwrap();
        let setup = repo.roreg(&["git-setup", "register.ron"]);
        assert_eq!(
            setup.status.code(),
            Some(0),
            "{}",
            common::transcript(&setup)
        );
        repo.commit_all("the register");
        repo
    }

    fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.current_dir(&self.root)
            .env("HOME", self.root.parent().unwrap())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_NAME", "Helen Marsh")
            .env("GIT_AUTHOR_EMAIL", "hmarsh@example.com")
            .env("GIT_COMMITTER_NAME", "Helen Marsh")
            .env("GIT_COMMITTER_EMAIL", "hmarsh@example.com")
            .env("USER", "qlead")
            .env_remove("ROREG_MERGE")
            .env("NO_COLOR", "1");
        cmd
    }

    fn git(&self, args: &[&str]) -> Output {
        let out = self.command("git").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            common::transcript(&out)
        );
        out
    }

    /// git that may fail (a merge with conflicts).
    fn try_git(&self, args: &[&str]) -> Output {
        self.command("git").args(args).output().unwrap()
    }

    fn roreg(&self, args: &[&str]) -> Output {
        self.command(env!("CARGO_BIN_EXE_roreg"))
            .env("ROREG_TODAY", "2026-11-21")
            .args(args)
            .output()
            .unwrap()
    }

    fn commit_all(&self, message: &str) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
    }

    #[track_caller]
    fn assert_clean(&self) {
        let check = self.check();
        assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    }

    fn check(&self) -> Output {
        self.roreg(&["check", "register.ron"])
    }

    fn register(&self) -> Register {
        storage::load(&self.file).unwrap().register
    }

    /// A change as roreg makes one: applied, recorded by qlead, saved.
    fn change(&self, what: impl FnOnce(&mut Register)) {
        let loaded = storage::load(&self.file).unwrap();
        let mut register = loaded.register.clone();
        what(&mut register);
        let changes = history::diff(&loaded.register, &register);
        assert!(!changes.is_empty(), "the change changes something");
        history::record(&mut register, changes, next_moment(), "qlead");
        storage::save(&self.file, &register, Some(loaded.fingerprint)).unwrap();
    }

    fn change_and_commit(&self, message: &str, what: impl FnOnce(&mut Register)) {
        self.change(what);
        self.commit_all(message);
    }
}

/// Each change a minute after the one before, as people make them.
fn next_moment() -> Timestamp {
    static MINUTE: AtomicU32 = AtomicU32::new(0);
    let n = MINUTE.fetch_add(1, Ordering::Relaxed);
    Timestamp::parse(&format!("2026-12-01T{:02}:{:02}:00Z", 10 + n / 60, n % 60)).unwrap()
}

fn retitle(id: &'static str, title: &'static str) -> impl FnOnce(&mut Register) {
    move |r| r.item_mut(id).unwrap().title = title.into()
}

fn text(out: &Output) -> String {
    common::transcript(out)
}

fn hashes(r: &Register) -> Vec<String> {
    r.history.iter().map(|h| h.hash.clone()).collect()
}

#[test]
fn disjoint_edits_on_two_branches_merge_cleanly_with_both_histories() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-002 retitled", retitle("R-002", "Theirs: dust"));
    let theirs = repo.register();
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("R-001 rescored", |r| {
        r.item_mut("R-001").unwrap().current = Score::new(1, 2)
    });
    let ours = repo.register();
    let merge = repo.try_git(&["merge", "-q", "--no-edit", "site-b"]);
    assert!(merge.status.success(), "{}", text(&merge));
    assert!(
        text(&merge)
            .contains("roreg: merged register.ron: ours changed R-001; theirs changed R-002"),
        "{}",
        text(&merge)
    );
    let check = repo.check();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let merged = repo.register();
    assert_eq!(merged.item("R-001").unwrap().current, Score::new(1, 2));
    assert_eq!(merged.item("R-002").unwrap().title, "Theirs: dust");
    // Every record of both sides, unchanged, then one merge record.
    let all = hashes(&merged);
    assert!(hashes(&ours).iter().all(|h| all.contains(h)));
    assert!(hashes(&theirs).iter().all(|h| all.contains(h)));
    assert_eq!(all.len(), hashes(&ours).len() + 1 + 1);
    assert_eq!(merged.history.last().unwrap().field, "merge");
    // The interface's own check, as it opens the file, agrees.
    let findings = roreg::domain::validation::Findings::of(&merged);
    assert_eq!(findings.error_count(), 0, "{:?}", findings.problems());
    let log = repo.roreg(&["log", "register.ron", "R-002"]);
    assert!(text(&log).contains("Theirs: dust"), "{}", text(&log));
    let log = repo.roreg(&["log", "register.ron"]);
    let joined = format!(
        "register.merge: joined ours (head {}) and theirs (head {})",
        &ours.history.last().unwrap().hash[..12],
        &theirs.history.last().unwrap().hash[..12]
    );
    assert!(text(&log).contains(&joined), "{}", text(&log));
}

#[test]
fn the_same_merge_made_twice_writes_the_same_file() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-002", retitle("R-002", "Theirs"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("R-003", retitle("R-003", "Ours"));
    repo.git(&["merge", "-q", "--no-edit", "site-b"]);
    let first = std::fs::read(&repo.file).unwrap();
    repo.git(&["reset", "-q", "--hard", "HEAD~1"]);
    repo.git(&["merge", "-q", "--no-edit", "site-b"]);
    assert_eq!(std::fs::read(&repo.file).unwrap(), first);
}

#[test]
fn one_field_changed_differently_is_a_conflict_around_that_record_only() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-004 theirs", retitle("R-004", "Theirs"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("R-004 ours", |r| {
        let item = r.item_mut("R-004").unwrap();
        item.title = "Ours".into();
        item.process = "Only ours changed this".into();
    });
    let merge = repo.try_git(&["merge", "--no-edit", "site-b"]);
    assert!(!merge.status.success(), "a conflict: {}", text(&merge));
    assert!(
        text(&merge).contains("1 conflict (R-004.title)"),
        "{}",
        text(&merge)
    );
    let file = std::fs::read_to_string(&repo.file).unwrap();
    assert_eq!(file.matches("<<<<<<<").count(), 1, "one block:\n{file}");
    let block = &file[file.find("<<<<<<<").unwrap()..file.find(">>>>>>>").unwrap()];
    assert!(block.contains("id: \"R-004\"") && !block.contains("id: \"R-005\""));
    let check = repo.check();
    assert_eq!(check.status.code(), Some(2), "{}", text(&check));
    let line = file[..file.find("<<<<<<<").unwrap()].lines().count() + 1;
    assert!(
        text(&check).contains(&format!(
            "register.ron:{line}: unresolved merge conflict in R-004 (HEAD vs site-b)"
        )),
        "{}",
        text(&check)
    );
    // Resolved with roreg: the choice is in the history, and the rest merged.
    let unsure = repo.roreg(&["resolve", "register.ron"]);
    assert_eq!(unsure.status.code(), Some(1), "{}", text(&unsure));
    assert!(text(&unsure).contains("--keep R-004=ours or --keep R-004=theirs"));
    let resolve = repo.roreg(&["resolve", "register.ron", "--keep", "R-004=theirs"]);
    assert_eq!(resolve.status.code(), Some(0), "{}", text(&resolve));
    let check = repo.check();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let merged = repo.register();
    let item = merged.item("R-004").unwrap();
    assert_eq!(item.title, "Theirs");
    let last = merged.history.last().unwrap();
    assert_eq!(
        (last.record.as_str(), last.field.as_str(), last.by.as_str()),
        ("R-004", "merge-resolved", "qlead")
    );
    assert!(last.new.contains("theirs (site-b)"), "{}", last.new);
}

#[test]
fn a_record_removed_on_one_side_and_edited_on_the_other_conflicts() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-005 edited", retitle("R-005", "Still needed"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("R-005 removed", |r| r.items.retain(|i| i.id != "R-005"));
    let merge = repo.try_git(&["merge", "--no-edit", "site-b"]);
    assert!(!merge.status.success());
    assert!(
        text(&merge).contains("R-005: removed by ours, changed by theirs"),
        "{}",
        text(&merge)
    );
    let resolve = repo.roreg(&["resolve", "register.ron", "--theirs"]);
    assert_eq!(resolve.status.code(), Some(0), "{}", text(&resolve));
    assert_eq!(repo.register().item("R-005").unwrap().title, "Still needed");
    repo.assert_clean();
}

#[test]
fn a_meeting_closed_on_one_branch_and_a_rescore_on_the_other_merge() {
    let repo = Repo::new();
    let now = next_moment();
    repo.change_and_commit("meeting opened", |r| {
        let attendance = r
            .people
            .iter()
            .map(|p| roreg::domain::Attendance {
                person: p.id.clone(),
                present: true,
                apologies: false,
                arrived: None,
                left: None,
            })
            .collect();
        let agenda = vec!["R-001".to_string()];
        meetings::start(
            r,
            roreg::domain::MeetingKind::RiskReview,
            "qlead",
            attendance,
            agenda,
            now,
        )
        .unwrap();
        meetings::decide(r, "R-001", "Keep the second source", now).unwrap();
    });
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-001 rescored", |r| {
        r.item_mut("R-001").unwrap().current = Score::new(2, 2)
    });
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("meeting closed", |r| {
        meetings::close(r, next_moment()).unwrap();
    });
    let merge = repo.try_git(&["merge", "-q", "--no-edit", "site-b"]);
    assert!(merge.status.success(), "{}", text(&merge));
    let check = repo.check();
    assert_eq!(
        check.status.code(),
        Some(0),
        "closed minutes intact: {}",
        text(&check)
    );
    let merged = repo.register();
    let item = merged.item("R-001").unwrap();
    assert_eq!(item.current, Score::new(2, 2), "theirs' rescore");
    let closed = merged.meetings.last().unwrap();
    assert!(closed.closed.is_some(), "ours' closing");
    assert_ne!(item.next_review, None, "the review the meeting set");
}

#[test]
fn a_criss_cross_merge_and_a_rebase_keep_a_history_that_verifies() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("b1", retitle("R-002", "b1"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("a1", retitle("R-003", "a1"));
    let (a1, b1) = ("main", "site-b");
    // Each side merges the other's tip: two merge bases for the next merge.
    repo.git(&["branch", "a1", a1]);
    repo.git(&["merge", "-q", "--no-edit", b1]);
    repo.git(&["checkout", "-q", "site-b"]);
    repo.git(&["merge", "-q", "--no-edit", "a1"]);
    repo.change_and_commit("b2", retitle("R-004", "b2"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("a2", retitle("R-005", "a2"));
    let criss_cross = repo.try_git(&["merge", "--no-edit", "site-b"]);
    assert!(criss_cross.status.success(), "{}", text(&criss_cross));
    let check = repo.check();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    let merged = repo.register();
    for (id, title) in [
        ("R-002", "b1"),
        ("R-003", "a1"),
        ("R-004", "b2"),
        ("R-005", "a2"),
    ] {
        assert_eq!(merged.item(id).unwrap().title, title);
    }
    let mut all = hashes(&merged);
    all.sort();
    all.dedup();
    assert_eq!(all.len(), merged.history.len(), "no record twice");

    // A branch with two roreg commits rebased onto main.
    repo.git(&["checkout", "-q", "-b", "site-c", "a1"]);
    repo.change_and_commit("c1", retitle("R-006", "c1"));
    repo.change_and_commit("c2", retitle("R-007", "c2"));
    let rebase = repo.try_git(&["rebase", "-q", "main"]);
    assert!(rebase.status.success(), "{}", text(&rebase));
    let check = repo.check();
    assert_eq!(check.status.code(), Some(0), "{}", text(&check));
    assert_eq!(repo.register().item("R-007").unwrap().title, "c2");
}

#[test]
fn a_branch_that_predates_gitattributes_still_merges_with_roreg_in_this_clone() {
    let repo = Repo::new();
    // Branched before the attributes were committed.
    repo.git(&["checkout", "-q", "--orphan", "old"]);
    repo.git(&["rm", "-q", "--cached", ".gitattributes"]);
    std::fs::remove_file(repo.root.join(".gitattributes")).unwrap();
    repo.commit_all("before the attributes");
    repo.git(&["checkout", "-q", "-b", "old-work"]);
    repo.change_and_commit("R-002 old", retitle("R-002", "From the old branch"));
    repo.git(&["checkout", "-q", "old"]);
    repo.change_and_commit("R-003 old", retitle("R-003", "Also old"));
    let merge = repo.try_git(&["merge", "-q", "--no-edit", "old-work"]);
    assert!(merge.status.success(), "{}", text(&merge));
    repo.assert_clean();
}

#[test]
fn with_the_off_switch_git_merges_as_text_and_check_names_the_conflict() {
    let repo = Repo::new();
    repo.git(&["checkout", "-q", "-b", "site-b"]);
    repo.change_and_commit("R-002", retitle("R-002", "Theirs"));
    repo.git(&["checkout", "-q", "main"]);
    repo.change_and_commit("R-003", retitle("R-003", "Ours"));
    let merge = repo
        .command("git")
        .args(["merge", "--no-edit", "site-b"])
        .env("ROREG_MERGE", "0")
        .output()
        .unwrap();
    assert!(!merge.status.success(), "{}", text(&merge));
    assert!(
        text(&merge).contains("ROREG_MERGE=0: merged as plain text"),
        "{}",
        text(&merge)
    );
    let check = repo.check();
    assert_eq!(check.status.code(), Some(2), "{}", text(&check));
    assert!(
        text(&check).contains("unresolved merge conflict in history"),
        "{}",
        text(&check)
    );
}

#[test]
fn check_warns_when_the_attributes_name_a_driver_git_does_not_know() {
    let repo = Repo::new();
    repo.git(&["config", "--unset", "merge.roreg.driver"]);
    let check = repo.roreg(&["check", "register.ron", "--strict"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(
        text(&check).contains("no merge.roreg.driver"),
        "{}",
        text(&check)
    );
    let setup = repo.roreg(&["git-setup", "register.ron"]);
    assert!(
        text(&setup).contains("already has `register.ron merge=roreg`"),
        "{}",
        text(&setup)
    );
    assert_eq!(
        repo.roreg(&["check", "register.ron", "--strict"])
            .status
            .code(),
        Some(0)
    );
}
