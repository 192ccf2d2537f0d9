//! The 9.3 part of section 7: when management reviews are due (9.3.1), the
//! inputs each one held considered and the ones it left out (9.3.2), its
//! decisions sorted as outputs (9.3.3), and what became of the actions the
//! previous review raised (9.3.2 a), as they stand on the report's day.

use crate::domain::audit::as_of;
use crate::domain::management_review::{self, ActionsById, Standing};
use crate::domain::{ManagementInput, ManagementOutput, Meeting, MeetingKind};
use crate::report::build::{Context, MEETINGS, see};

impl Context<'_> {
    /// 9.3.1 to 9.3.3, one point each.
    pub(super) fn management_review_cycle_points(&self) -> Vec<String> {
        let standing = &self.audit.management_review;
        let mut points = vec![due_point(standing)];
        let reviews: Vec<&Meeting> = self
            .held
            .iter()
            .copied()
            .filter(|m| m.kind == MeetingKind::ManagementReview)
            .filter(|m| !crate::domain::audit::reviewed_nothing(m))
            .collect();
        if reviews.is_empty() {
            points.push("No management review was held in the period.".to_string());
        } else {
            // Indexed once for all the reviews, not once per review.
            let actions = ActionsById::new(self.register);
            for review in &reviews {
                points.push(inputs_point(review));
                points.push(outputs_point(review));
                points.push(self.previous_actions_point(review, &actions));
            }
        }
        points.push(format!(
            "What each review saw of each input, and where its evidence is, is in its minutes \
             ({}).",
            see(MEETINGS)
        ));
        points
    }

    /// 9.3.2 a: the actions the review before `review` raised, as they stand now.
    fn previous_actions_point(&self, review: &Meeting, actions: &ActionsById) -> String {
        let Some(previous) = management_review::previous(self.register, review) else {
            return format!(
                "{}, 9.3.2 a: no earlier management review is recorded, so no actions from one.",
                review.id
            );
        };
        let raised = actions.raised(previous);
        if raised.is_empty() {
            return format!(
                "{}, 9.3.2 a: the previous management review, {} on {}, raised no actions.",
                review.id,
                previous.id,
                previous.started.date()
            );
        }
        let each: Vec<String> = raised
            .iter()
            .map(|r| {
                let a = r.action;
                let status = as_of::status_on(a, self.today).label();
                let late = if as_of::overdue_on(a, self.today) {
                    ", overdue"
                } else {
                    ""
                };
                let check = match as_of::check_on(a, self.today) {
                    Some(e) => format!(", checked: {}", e.verdict.label()),
                    None => String::new(),
                };
                format!("{} on {} {status}{late}{check}", a.id, r.item)
            })
            .collect();
        format!(
            "{}, 9.3.2 a: actions raised at the previous management review ({} on {}), status \
             on {}: {}.",
            review.id,
            previous.id,
            previous.started.date(),
            self.today,
            each.join("; ")
        )
    }
}

fn due_point(standing: &Standing) -> String {
    let mut point = format!("9.3.1: {}.", standing.describe());
    if standing.overdue() {
        point.push_str(" The management review is overdue.");
    }
    point
}

/// 9.3.2: which inputs a review considered, and its gaps.
fn inputs_point(review: &Meeting) -> String {
    let considered: Vec<&str> = ManagementInput::ALL
        .iter()
        .filter(|i| review.considered.iter().any(|c| c.input == **i))
        .map(|i| i.code())
        .collect();
    let gaps = management_review::gaps(review);
    let of = ManagementInput::ALL.len();
    let gaps_text = if gaps.is_empty() {
        "none".to_string()
    } else {
        let named: Vec<String> = gaps
            .iter()
            .map(|i| format!("{} {}", i.code(), i.label()))
            .collect();
        named.join("; ")
    };
    format!(
        "{} on {}, 9.3.2: {} of {of} inputs considered ({}); gaps, not considered: {gaps_text}.",
        review.id,
        review.started.date(),
        considered.len(),
        if considered.is_empty() {
            "none".to_string()
        } else {
            considered.join(", ")
        }
    )
}

/// 9.3.3: the review's decisions by the output each is.
fn outputs_point(review: &Meeting) -> String {
    let decisions = review.reviewed.iter().filter(|r| !r.decision.is_empty());
    let mut counts = [0usize; ManagementOutput::ALL.len()];
    let mut unclassified = 0;
    for r in decisions {
        match r.output {
            Some(o) => {
                let at = ManagementOutput::ALL.iter().position(|x| *x == o);
                counts[at.expect("every output is in ALL")] += 1;
            }
            None => unclassified += 1,
        }
    }
    let each: Vec<String> = ManagementOutput::ALL
        .iter()
        .zip(counts)
        .map(|(o, n)| format!("{}: {n}", o.label()))
        .collect();
    format!(
        "{}, 9.3.3: decisions by output: {}; not classified: {unclassified}.",
        review.id,
        each.join("; ")
    )
}
