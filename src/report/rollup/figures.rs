//! Section 1 of the roll-up: each register's figures on one row, the most
//! behind on its reviews first, with a total and the sentence that names
//! who is behind.

use std::cmp::Ordering;

use crate::domain::audit::Audit;
use crate::domain::history::{ChainProblem, verify};
use crate::domain::{ItemStatus, Register, validate};
use crate::report::model::Table;
use crate::report::witness::history_value;
use crate::text::plural;

/// One register's figures, counted once from its audit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct SiteFigures {
    pub label: String,
    pub file: String,
    pub live: usize,
    /// Live items per band, in the register's band order.
    pub by_band: Vec<(String, usize)>,
    pub reviews_overdue: usize,
    pub actions_overdue: usize,
    pub done_unchecked: usize,
    pub risk_reviews: usize,
    pub management_reviews: usize,
    /// Meetings held that reviewed something, and of them those with a
    /// top manager present.
    pub reviewing: usize,
    pub with_top_management: usize,
    pub management_review: String,
    pub management_review_overdue: bool,
    pub problems: usize,
    pub history: String,
    pub history_broken: bool,
}

impl SiteFigures {
    pub fn of(label: String, file: String, register: &Register, audit: &Audit) -> SiteFigures {
        let scales = &register.scales;
        let mut by_band: Vec<(String, usize)> =
            scales.bands.iter().map(|b| (b.name.clone(), 0)).collect();
        let mut live = 0;
        for item in register
            .items
            .iter()
            .filter(|i| i.status != ItemStatus::Closed)
        {
            live += 1;
            if let Some(band) = scales.band_index(item.current.value()) {
                by_band[band].1 += 1;
            }
        }
        let chain = verify(register);
        SiteFigures {
            label,
            file,
            live,
            by_band,
            reviews_overdue: audit.reviews_overdue.len(),
            actions_overdue: audit.actions_overdue.len(),
            done_unchecked: audit.done_unchecked.len(),
            risk_reviews: audit.risk_reviews,
            management_reviews: audit.management_reviews,
            reviewing: audit.reviewing(),
            with_top_management: audit.with_top_management.len(),
            management_review: audit.management_review.short(),
            management_review_overdue: audit.management_review.overdue(),
            problems: validate(register).len(),
            history: history_value(register, &chain),
            // As the audit view judges it: a change made outside roreg is
            // recorded, not a break in the chain.
            history_broken: chain
                .iter()
                .any(|p| !matches!(p, ChainProblem::ChangedOutside)),
        }
    }

    /// Most behind first: the larger share of live items past their review
    /// date, then more of them, then more overdue actions.
    pub fn behind_first(a: &SiteFigures, b: &SiteFigures) -> Ordering {
        // a.overdue / a.live against b.overdue / b.live, without division.
        let share = (b.reviews_overdue * a.live.max(1)).cmp(&(a.reviews_overdue * b.live.max(1)));
        share
            .then(b.reviews_overdue.cmp(&a.reviews_overdue))
            .then(b.actions_overdue.cmp(&a.actions_overdue))
            .then_with(|| a.label.cmp(&b.label))
    }
}

/// `72%`, rounded to the nearest whole per cent; `—` of nothing.
fn share(part: usize, of: usize) -> String {
    (part * 100 + of / 2)
        .checked_div(of)
        .map_or("—".to_string(), |per_cent| format!("{per_cent}%"))
}

fn with_share(part: usize, of: usize) -> String {
    if part == 0 {
        "0".to_string()
    } else {
        format!("{part} ({})", share(part, of))
    }
}

/// Band names across every register, in the order they are first met, so
/// registers with different bands still line up in one table.
pub(super) fn band_columns(sites: &[SiteFigures]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for site in sites {
        for (name, _) in &site.by_band {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

fn in_band(site: &SiteFigures, band: &str) -> Option<usize> {
    site.by_band
        .iter()
        .find(|(n, _)| n == band)
        .map(|(_, c)| *c)
}

fn meetings(risk: usize, management: usize) -> String {
    if risk + management == 0 {
        return "none".to_string();
    }
    format!(
        "{} ({risk} risk, {management} management)",
        risk + management
    )
}

/// The document's table: one row per register in the order given, then a
/// total row when there is more than one.
pub(super) fn table(sites: &[SiteFigures]) -> Table {
    let bands = band_columns(sites);
    let mut headers: Vec<&str> = vec!["Register", "Live items"];
    headers.extend(bands.iter().map(String::as_str));
    headers.extend([
        "Reviews overdue",
        "Actions overdue",
        "Done, not checked",
        "Meetings held",
        "Top management present",
        "Management review",
        "Problems",
        "History",
    ]);
    let mut table = Table::new(&headers, "No register loaded.");
    for site in sites {
        let mut row = vec![site.label.clone(), site.live.to_string()];
        row.extend(
            bands
                .iter()
                .map(|b| in_band(site, b).map_or("—".to_string(), |count| count.to_string())),
        );
        row.extend([
            with_share(site.reviews_overdue, site.live),
            site.actions_overdue.to_string(),
            site.done_unchecked.to_string(),
            meetings(site.risk_reviews, site.management_reviews),
            format!("{} of {}", site.with_top_management, site.reviewing),
            site.management_review.clone(),
            site.problems.to_string(),
            site.history.clone(),
        ]);
        table.row(row);
    }
    if sites.len() > 1 {
        let sum = |f: fn(&SiteFigures) -> usize| sites.iter().map(f).sum::<usize>();
        let live = sum(|s| s.live);
        let mut row = vec!["Total".to_string(), live.to_string()];
        row.extend(bands.iter().map(|b| {
            let count: usize = sites.iter().filter_map(|s| in_band(s, b)).sum();
            count.to_string()
        }));
        let overdue_reviews = sites.iter().filter(|s| s.management_review_overdue).count();
        let broken = sites.iter().filter(|s| s.history_broken).count();
        row.extend([
            with_share(sum(|s| s.reviews_overdue), live),
            sum(|s| s.actions_overdue).to_string(),
            sum(|s| s.done_unchecked).to_string(),
            meetings(sum(|s| s.risk_reviews), sum(|s| s.management_reviews)),
            format!(
                "{} of {}",
                sum(|s| s.with_top_management),
                sum(|s| s.reviewing)
            ),
            format!("{overdue_reviews} overdue"),
            sum(|s| s.problems).to_string(),
            format!("{broken} broken"),
        ]);
        table.row(row);
    }
    table
}

/// The CSV table: one value per column, numbers as numbers, and a row for
/// each register that did not load with its error.
pub(super) fn data(sites: &[SiteFigures], not_loaded: &[(String, String)]) -> Table {
    let bands = band_columns(sites);
    let band_headers: Vec<String> = bands.iter().map(|b| format!("band {b}")).collect();
    let mut headers: Vec<&str> = vec!["register", "file", "live_items"];
    headers.extend(band_headers.iter().map(String::as_str));
    headers.extend([
        "reviews_overdue",
        "actions_overdue",
        "done_not_checked",
        "risk_reviews_held",
        "management_reviews_held",
        "meetings_reviewing",
        "with_top_management",
        "management_review",
        "problems",
        "history",
        "error",
    ]);
    let mut table = Table::new(&headers, "");
    for site in sites {
        let mut row = vec![site.label.clone(), site.file.clone(), site.live.to_string()];
        row.extend(
            bands
                .iter()
                .map(|b| in_band(site, b).map_or(String::new(), |c| c.to_string())),
        );
        row.extend([
            site.reviews_overdue.to_string(),
            site.actions_overdue.to_string(),
            site.done_unchecked.to_string(),
            site.risk_reviews.to_string(),
            site.management_reviews.to_string(),
            site.reviewing.to_string(),
            site.with_top_management.to_string(),
            site.management_review.clone(),
            site.problems.to_string(),
            site.history.clone(),
            String::new(),
        ]);
        table.row(row);
    }
    for (file, error) in not_loaded {
        let mut row = vec![String::new(); headers.len()];
        row[1] = file.clone();
        row[headers.len() - 1] = error.clone();
        table.row(row);
    }
    table
}

/// Who is behind, in words, most behind first: the answer to "which site
/// is behind on its reviews?" without reading the table.
pub(super) fn behind(sites: &[SiteFigures]) -> String {
    let late: Vec<String> = sites
        .iter()
        .filter(|s| s.reviews_overdue > 0)
        .map(|s| {
            format!(
                "{} ({}: {} of {} live items past their review date)",
                s.label,
                share(s.reviews_overdue, s.live),
                s.reviews_overdue,
                s.live
            )
        })
        .collect();
    let on_time: Vec<&str> = sites
        .iter()
        .filter(|s| s.reviews_overdue == 0)
        .map(|s| s.label.as_str())
        .collect();
    let mut sentence = if late.is_empty() {
        "No register is behind on its reviews.".to_string()
    } else {
        format!("Behind on reviews, most first: {}.", late.join("; "))
    };
    if !late.is_empty() && !on_time.is_empty() {
        sentence.push_str(&format!(" Up to date: {}.", on_time.join(", ")));
    }
    let actions: Vec<String> = sites
        .iter()
        .filter(|s| s.actions_overdue > 0)
        .map(|s| format!("{} {}", s.label, s.actions_overdue))
        .collect();
    if !actions.is_empty() {
        sentence.push_str(&format!(" Actions overdue: {}.", actions.join(", ")));
    }
    let mr: Vec<&str> = sites
        .iter()
        .filter(|s| s.management_review_overdue)
        .map(|s| s.label.as_str())
        .collect();
    if !mr.is_empty() {
        sentence.push_str(&format!(" Management review overdue: {}.", mr.join(", ")));
    }
    sentence
}

/// "3 registers, 412 live items" for the opening paragraph.
pub(super) fn counted(sites: &[SiteFigures]) -> String {
    let live: usize = sites.iter().map(|s| s.live).sum();
    format!(
        "{}, {}",
        plural(sites.len(), "register", "registers"),
        plural(live, "live item", "live items")
    )
}
