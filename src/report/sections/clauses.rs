//! Section 7: where each ISO 9001 clause is answered, from the counts
//! `domain::audit::clauses` makes.

use crate::domain::ActionStatus;
use crate::domain::audit::ActionRef;
use crate::domain::audit::clauses::{Check, ClauseCounts, clause_counts};
use crate::report::build::{
    ACTIONS, CLAUSES, CUSTOMER_FOCUS, Context, MEETINGS, OVERDUE, PARTICIPATION, REGISTER, section,
    see,
};
use crate::report::model::{Block, Section};
use crate::report::words::{counted, ids};
use crate::text::plural;

impl Context<'_> {
    pub(in crate::report) fn clauses(&self) -> Section {
        let counts = clause_counts(self.register, self.held, self.audit.period, self.today);
        let mut blocks = Vec::new();
        // Only a register with customer data has the customer-focus section.
        let customer_focus = self.focus.is_some().then(|| see(CUSTOMER_FOCUS));
        let mut requirements = requirements_points(&counts);
        let mut satisfaction = vec![
            format!(
                "Items affecting customer satisfaction: {}.",
                counted(&counts.affecting_satisfaction)
            ),
            format!(
                "Of these, reviewed in meetings in the period: {}.",
                counted(&counts.satisfaction_reviewed)
            ),
            format!(
                "Opportunities pursued: {}; declined: {}.",
                counted(&self.audit.opportunities_pursued),
                counted(&self.audit.opportunities_declined)
            ),
        ];
        if let Some(there) = &customer_focus {
            requirements.push(format!(
                "Each requirement with the items that threaten or serve it and their review \
                 with top management: {there}."
            ));
            satisfaction.push(format!(
                "Each measure of satisfaction with its readings, trend and the actions taken \
                 while off target: {there}."
            ));
        }
        let mut clause = |heading: &str, requirement: &str, points: Vec<String>| {
            blocks.push(Block::Subheading(heading.to_string()));
            blocks.push(Block::Paragraph(requirement.to_string()));
            blocks.push(Block::List(points));
        };
        clause(
            "5.1.2 a: requirements determined and met",
            "Customer and applicable statutory and regulatory requirements are determined, \
             understood and consistently met.",
            requirements,
        );
        clause(
            "5.1.2 b: risks and opportunities determined and addressed",
            "The risks and opportunities that can affect conformity of products and services and \
             the ability to enhance customer satisfaction are determined and addressed.",
            self.addressed_points(&counts),
        );
        clause(
            "5.1.2 c: focus on enhancing customer satisfaction",
            "The focus on enhancing customer satisfaction is maintained.",
            satisfaction,
        );
        clause(
            "6.1.2: actions planned, integrated and evaluated",
            "Actions to address risks and opportunities are planned, integrated and implemented \
             into the quality management system processes, and their effectiveness is evaluated.",
            self.action_points(&counts),
        );
        clause(
            "9.3.2 e: management review of the effectiveness of these actions",
            "The management review takes into account the effectiveness of actions taken to \
             address risks and opportunities.",
            self.management_review_points(&counts),
        );
        clause(
            "9.3: management review planned, its inputs and outputs",
            "Top management reviews the quality management system at planned intervals, taking \
             into account the inputs of 9.3.2 a–f, and its outputs include decisions and actions \
             on improvement, changes to the QMS and resource needs.",
            self.management_review_cycle_points(),
        );
        section(
            CLAUSES,
            "Where each ISO 9001 clause is answered".to_string(),
            blocks,
        )
    }

    /// 5.1.2 b.
    fn addressed_points(&self, counts: &ClauseCounts) -> Vec<String> {
        let by_status: Vec<String> = counts
            .by_status
            .iter()
            .map(|(s, n)| format!("{} {n}", s.label()))
            .collect();
        let by_treatment: Vec<String> = counts
            .by_treatment
            .iter()
            .map(|(t, n)| format!("{} {n}", t.label()))
            .collect();
        vec![
            format!(
                "Determined: {} risks and {} opportunities in the register ({}).",
                counts.risks,
                counts.opportunities,
                see(REGISTER)
            ),
            format!("By status: {}.", by_status.join(", ")),
            format!(
                "By treatment: {}.",
                if by_treatment.is_empty() {
                    "none".to_string()
                } else {
                    by_treatment.join(", ")
                }
            ),
            format!(
                "Live items with no treatment decided yet: {}.",
                counted(&counts.undecided)
            ),
            format!(
                "Items reviewed in meetings in the period: {} ({}).",
                counted(&counts.reviewed),
                see(MEETINGS)
            ),
            format!(
                "High and Critical items reviewed with top management within their interval: \
                 {} of {} ({}).",
                self.audit.high_items_reviewed_in_time(),
                self.audit.high_items.len(),
                see(PARTICIPATION)
            ),
        ]
    }

    /// 6.1.2.
    fn action_points(&self, counts: &ClauseCounts) -> Vec<String> {
        let verdicts: Vec<String> = counts
            .verdicts
            .iter()
            .map(|(v, n)| format!("{} {n}", v.label()))
            .collect();
        let mut processes: Vec<(&str, &[String])> = counts
            .processes
            .iter()
            .map(|(p, items)| (p.as_deref().unwrap_or("(no process)"), items.as_slice()))
            .collect();
        processes.sort_by(|a, b| a.0.cmp(b.0));
        let processes: Vec<String> = processes
            .iter()
            .map(|(p, list)| format!("{p} ({})", ids(*list)))
            .collect();
        let keys =
            |refs: &[ActionRef]| -> Vec<String> { refs.iter().map(ToString::to_string).collect() };
        vec![
            format!(
                "Planned: {} (open {}, in progress {}, done {}, cancelled {}), each with an \
                 owner and a due date ({}).",
                plural(counts.actions, "action", "actions"),
                counts.actions_with(ActionStatus::Open),
                counts.actions_with(ActionStatus::InProgress),
                counts.actions_with(ActionStatus::Done),
                counts.actions_with(ActionStatus::Cancelled),
                see(ACTIONS)
            ),
            format!(
                "Integrated: items with actions, by process: {}.",
                if processes.is_empty() {
                    "none".to_string()
                } else {
                    processes.join("; ")
                }
            ),
            format!("Effectiveness checks recorded: {}.", verdicts.join(", ")),
            format!(
                "Done without an effectiveness check: {}; overdue: {} ({}).",
                counted(&keys(&self.audit.done_unchecked)),
                counted(&keys(&self.audit.actions_overdue)),
                see(OVERDUE)
            ),
        ]
    }

    /// 9.3.2 e: each management review in the period with the effectiveness
    /// checks that were there for it to consider.
    fn management_review_points(&self, counts: &ClauseCounts) -> Vec<String> {
        let listed = |found: &[Check]| {
            if found.is_empty() {
                "none".to_string()
            } else {
                let checks: Vec<String> = found
                    .iter()
                    .map(|c| format!("{} {}", c.action, c.verdict.label()))
                    .collect();
                format!("{} ({})", found.len(), checks.join(", "))
            }
        };
        let reviews = &counts.management_reviews;
        let mut points = Vec::new();
        if reviews.is_empty() {
            points.push("No management review was held in the period.".to_string());
        }
        for review in reviews {
            points.push(format!(
                "{} management review on {}, top management present: {}. Effectiveness checks \
                 recorded {} up to that day: {}.",
                review.meeting,
                review.day,
                self.names(&review.top_managers_present),
                match review.previous {
                    Some(p) => format!("after the previous review ({p})"),
                    None => "in the period".to_string(),
                },
                listed(&review.checks)
            ));
        }
        let since = listed(&counts.checks_since_last_review);
        points.push(match reviews.last() {
            Some(last) => format!(
                "Recorded since the last management review ({}), for the next one: {since}.",
                last.day
            ),
            None => format!("Effectiveness checks recorded in the period: {since}."),
        });
        points.push(format!(
            "Each review's items and decisions are in {}, every check in {}; whether a review \
             took the checks into account is its 9.3.2 e input, under 9.3 below.",
            see(MEETINGS),
            see(ACTIONS)
        ));
        points
    }
}

/// 5.1.2 a.
fn requirements_points(counts: &ClauseCounts) -> Vec<String> {
    vec![
        format!(
            "Items affecting statutory or regulatory requirements: {}.",
            counted(&counts.affecting_statutory)
        ),
        format!(
            "Items affecting the conformity of products and services: {}.",
            counted(&counts.affecting_conformity)
        ),
        format!(
            "Each with its owner, scores and treatment in {}; decisions on them in {}.",
            see(REGISTER),
            see(MEETINGS)
        ),
    ]
}
