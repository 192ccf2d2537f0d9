//! `roreg report`'s customer-focus section (ISO 9001 5.1.2) and its CSV
//! tables, on a small register written for it: requirements with the items
//! threatening them and whether top management reviewed those in time,
//! measures with their readings and what was done while off target.

mod common;

use std::path::PathBuf;

use common::{assert_golden, fixtures, roreg, transcript};

const TODAY: &str = "2026-11-21";

fn register() -> PathBuf {
    fixtures().join("report/customer-focus/register.ron")
}

fn golden(name: &str) -> PathBuf {
    fixtures().join("report/customer-focus").join(name)
}

fn report(file: &std::path::Path, args: &[&str]) -> String {
    let output = roreg()
        .args(["report", "--today", TODAY])
        .arg(file)
        .args(args)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", transcript(&output));
    assert!(output.stderr.is_empty(), "{}", transcript(&output));
    String::from_utf8(output.stdout).unwrap()
}

/// The section's text in the Markdown pack, from its heading on.
fn section(md: &str) -> &str {
    let at = md
        .find("\n## 8. Customer focus (ISO 9001 5.1.2)\n")
        .expect("the pack has the customer-focus section");
    &md[at..]
}

#[test]
fn markdown_and_html_goldens() {
    assert_golden(
        &golden("report.md"),
        &report(&register(), &["--format", "md"]),
    );
    assert_golden(
        &golden("report.html"),
        &report(&register(), &["--format", "html"]),
    );
}

#[test]
fn csv_goldens_of_the_customer_tables() {
    for table in ["customers", "requirements", "measures", "readings"] {
        let csv = report(&register(), &["--format", "csv", "--table", table]);
        assert_golden(&golden(&format!("{table}.csv")), &csv);
    }
}

#[test]
fn a_requirement_shows_its_items_highest_band_first_with_the_review_judged() {
    let md = report(&register(), &["--format", "md"]);
    let text = section(&md);
    // Key account first, then the other customers, then every customer's.
    let nordbil = text.find("Nordbil AB (C-001), key account").unwrap();
    let marin = text.find("Marin Teknik (C-002)").unwrap();
    let all = text.find("All customers: 2 requirements.").unwrap();
    assert!(nordbil < marin && marin < all);
    // R-001 (Critical) was reviewed with the managing director on 2026-11-02:
    // within the Critical band's 30 days on 2026-11-21.
    assert!(text.contains(
        "| REQ-001 Delivery on the agreed day | Customer | supply contract §4.2 | R-001 \
         Anodiser misses delivery dates | Risk | Critical | Treating | yes: last M-002 on \
         2026-11-02, decided: Keep Critical; qualify a second anodiser by January. |"
    ));
    // R-002 (High) was last reviewed with her on 2026-05-20: more than the
    // High band's 90 days ago.
    assert!(text.contains(
        "| R-002 PPAP documents late for new parts | Risk | High | Treating | no, review \
         overdue: last M-001 on 2026-05-20"
    ));
    assert!(text.contains("| O-001 Offer Nordbil kitted deliveries | Opportunity | Medium | Identified | no: never reviewed with top management |"));
    let r001 = text.find("R-001 Anodiser").unwrap();
    let r002 = text.find("R-002 PPAP").unwrap();
    let o001 = text.find("O-001 Offer").unwrap();
    assert!(r001 < r002 && r002 < o001, "highest band first");
    assert!(text.contains(
        "| REQ-003 Salt-spray tested housings, 480 h | Customer | drawing MT-4711 | no risk or \
         opportunity linked |"
    ));
    assert!(text.contains("Hydra Pumps (C-003), Industrial: no requirements recorded."));
}

#[test]
fn an_off_target_measure_nothing_addresses_is_flagged_and_one_addressed_is_not() {
    let md = report(&register(), &["--format", "md"]);
    let text = section(&md);
    let complaints = &text[text.find("### 5.1.2 c: KPI-002 Complaints").unwrap()..];
    let complaints = &complaints[..complaints.find("### 5.1.2 c: KPI-003").unwrap()];
    assert!(complaints.contains("- **Flag:** off target, nothing in the register addresses it"));
    assert!(complaints.contains("- **Trend:** ↓ worsening (last 2 readings: 1, 4 ▁█)"));
    let delivery = &text[text.find("### 5.1.2 c: KPI-001").unwrap()..];
    let delivery = &delivery[..delivery.find("### 5.1.2 c: KPI-002").unwrap()];
    assert!(!delivery.contains("Flag"), "R-001, open, links it");
    // Off target from 2026-09-30: A-001 (done 2026-10-10) and A-002 (due
    // 2027) count; A-003, done on 2026-06-01 before that, does not.
    assert!(delivery.contains("Off target on 2026-09-30, the first such reading in the period"));
    assert!(delivery.contains("| A-001 | R-001 | Set two weeks of safety stock |"));
    assert!(delivery.contains("| A-002 | R-001 | Qualify a second anodiser |"));
    assert!(!delivery.contains("A-003"));
    // A reading before the period is not listed, but still makes the trend.
    let survey = &text[text.find("### 5.1.2 c: KPI-003").unwrap()..];
    assert!(!survey.contains("| 2025-06-30 |"));
    assert!(survey.contains("↑ improving (last 2 readings: 4.1, 4.3"));
    assert!(text.contains("- **Latest:** no reading yet"));
}

#[test]
fn the_clauses_section_points_to_it() {
    let md = report(&register(), &["--format", "md"]);
    assert!(md.contains(
        "- Each requirement with the items that threaten or serve it and their review with top \
         management: section 8."
    ));
}

#[test]
fn a_register_without_customer_data_has_no_such_section_and_empty_tables() {
    let older = fixtures().join("check/valid.ron");
    let md = report(&older, &["--format", "md"]);
    assert!(
        !md.contains("Customer focus (ISO 9001 5.1.2)"),
        "no section 8"
    );
    assert!(!md.contains("section 8"));
    let csv = report(&older, &["--format", "csv", "--table", "readings"]);
    assert_eq!(csv, "measure,date,value,on_target,note\n");
}
