//! Scales, scores and bands: likelihood × impact (or × benefit), 1..=max.

use serde::{Deserialize, Serialize};

use super::model::{Kind, Score};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scales {
    pub likelihood: Vec<String>,
    pub impact: Vec<String>,
    pub benefit: Vec<String>,
    pub bands: Vec<Band>,
    /// Days until the next review after a review, one entry per band.
    pub review_days: Vec<u32>,
    /// Days from one management review (ISO 9001 9.3.1) to the next.
    #[serde(
        default = "default_management_review_days",
        skip_serializing_if = "is_default_management_review_days"
    )]
    pub management_review_days: u32,
    /// Days after an action is done that its effectiveness check (ISO 9001
    /// 6.1.2, 10.2.1 d) falls due: long enough for the action to show.
    #[serde(
        default = "default_effectiveness_check_days",
        skip_serializing_if = "is_default_effectiveness_check_days"
    )]
    pub effectiveness_check_days: u32,
}

/// Twelve months: the interval most certification bodies expect.
pub const DEFAULT_MANAGEMENT_REVIEW_DAYS: u32 = 365;

fn default_management_review_days() -> u32 {
    DEFAULT_MANAGEMENT_REVIEW_DAYS
}

fn is_default_management_review_days(days: &u32) -> bool {
    *days == DEFAULT_MANAGEMENT_REVIEW_DAYS
}

/// A month: time for most actions to show whether they worked.
pub const DEFAULT_EFFECTIVENESS_CHECK_DAYS: u32 = 30;

fn default_effectiveness_check_days() -> u32 {
    DEFAULT_EFFECTIVENESS_CHECK_DAYS
}

fn is_default_effectiveness_check_days(days: &u32) -> bool {
    *days == DEFAULT_EFFECTIVENESS_CHECK_DAYS
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub from: u32,
    pub name: String,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for Scales {
    fn default() -> Self {
        Scales {
            likelihood: names(&["Rare", "Unlikely", "Possible", "Likely", "Almost certain"]),
            impact: names(&["Negligible", "Minor", "Moderate", "Major", "Severe"]),
            benefit: names(&["Marginal", "Minor", "Moderate", "Major", "Exceptional"]),
            bands: vec![
                Band {
                    from: 1,
                    name: "Low".into(),
                },
                Band {
                    from: 5,
                    name: "Medium".into(),
                },
                Band {
                    from: 10,
                    name: "High".into(),
                },
                Band {
                    from: 16,
                    name: "Critical".into(),
                },
            ],
            review_days: vec![365, 180, 90, 30],
            management_review_days: DEFAULT_MANAGEMENT_REVIEW_DAYS,
            effectiveness_check_days: DEFAULT_EFFECTIVENESS_CHECK_DAYS,
        }
    }
}

impl Scales {
    pub fn is_default(&self) -> bool {
        *self == Scales::default()
    }

    /// The second axis for this kind: impact for risks, benefit for opportunities.
    pub fn consequence(&self, kind: Kind) -> &[String] {
        match kind {
            Kind::Risk => &self.impact,
            Kind::Opportunity => &self.benefit,
        }
    }

    /// What the second axis is called for this kind.
    pub fn consequence_name(kind: Kind) -> &'static str {
        match kind {
            Kind::Risk => "impact",
            Kind::Opportunity => "benefit",
        }
    }

    pub fn max_likelihood(&self) -> u8 {
        self.likelihood.len().min(u8::MAX as usize) as u8
    }

    pub fn max_consequence(&self, kind: Kind) -> u8 {
        self.consequence(kind).len().min(u8::MAX as usize) as u8
    }

    /// The highest score either kind can reach; bands must cover 1..=this.
    pub fn max_score(&self) -> u32 {
        let widest = self.impact.len().max(self.benefit.len()) as u32;
        self.likelihood.len() as u32 * widest
    }

    pub fn fits(&self, kind: Kind, score: Score) -> bool {
        (1..=self.max_likelihood()).contains(&score.likelihood)
            && (1..=self.max_consequence(kind)).contains(&score.impact)
    }

    /// Index into `bands` of the band a score falls in (the last band whose
    /// `from` is not above it). `None` only for scores below every band.
    pub fn band_index(&self, score: u32) -> Option<usize> {
        self.bands.iter().rposition(|b| b.from <= score)
    }

    pub fn band_name(&self, score: u32) -> &str {
        self.band_index(score)
            .map_or("?", |i| self.bands[i].name.as_str())
    }

    /// Which of four tiers (0 lowest ..= 3 highest) the band at `index` of
    /// `count` bands is drawn in, whatever the number of bands: the lowest
    /// band is tier 0, the highest tier 3, the others spread between.
    pub fn tier_of_band(index: usize, count: usize) -> usize {
        let top = count.saturating_sub(1).max(1);
        (index * 3 / top).min(3)
    }

    /// The tier (0..=3) of a score's band; scores below every band are tier 0.
    pub fn band_tier(&self, score: u32) -> usize {
        Scales::tier_of_band(self.band_index(score).unwrap_or(0), self.bands.len())
    }

    /// Days to the next review for a score, from `review_days` of its band.
    pub fn review_days_for(&self, score: u32) -> Option<u32> {
        self.band_index(score)
            .and_then(|i| self.review_days.get(i).copied())
    }

    pub fn likelihood_name(&self, level: u8) -> &str {
        level_name(&self.likelihood, level)
    }

    pub fn consequence_level_name(&self, kind: Kind, level: u8) -> &str {
        level_name(self.consequence(kind), level)
    }
}

fn level_name(scale: &[String], level: u8) -> &str {
    (level as usize)
        .checked_sub(1)
        .and_then(|i| scale.get(i))
        .map_or("?", |s| s.as_str())
}

impl Score {
    pub fn new(likelihood: u8, impact: u8) -> Score {
        Score { likelihood, impact }
    }

    pub fn value(self) -> u32 {
        u32::from(self.likelihood) * u32::from(self.impact)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_bands_follow_the_design_thresholds() {
        let s = Scales::default();
        let band = |l, i| s.band_name(Score::new(l, i).value()).to_string();
        assert_eq!(band(1, 4), "Low");
        assert_eq!(band(1, 5), "Medium");
        assert_eq!(band(3, 3), "Medium");
        assert_eq!(band(2, 5), "High");
        assert_eq!(band(3, 5), "High");
        assert_eq!(band(4, 4), "Critical");
        assert_eq!(band(5, 5), "Critical");
        assert_eq!(s.max_score(), 25);
    }

    #[test]
    fn review_interval_shrinks_as_the_band_rises() {
        let s = Scales::default();
        assert_eq!(s.review_days_for(2), Some(365));
        assert_eq!(s.review_days_for(9), Some(180));
        assert_eq!(s.review_days_for(12), Some(90));
        assert_eq!(s.review_days_for(20), Some(30));
    }

    #[test]
    fn a_score_fits_only_inside_its_kinds_scale() {
        let mut s = Scales::default();
        s.benefit.truncate(3);
        assert!(s.fits(Kind::Risk, Score::new(5, 5)));
        assert!(!s.fits(Kind::Opportunity, Score::new(5, 4)));
        assert!(!s.fits(Kind::Risk, Score::new(0, 3)));
        assert!(!s.fits(Kind::Risk, Score::new(6, 1)));
    }

    #[test]
    fn band_tiers_span_0_to_3_whatever_the_number_of_bands() {
        let s = Scales::default();
        let tiers: Vec<usize> = [1, 5, 10, 16].map(|score| s.band_tier(score)).into();
        assert_eq!(tiers, [0, 1, 2, 3]);
        assert_eq!(s.band_tier(25), 3);
        let tiers = |count: usize| -> Vec<usize> {
            (0..count).map(|i| Scales::tier_of_band(i, count)).collect()
        };
        assert_eq!(tiers(1), [0]);
        assert_eq!(tiers(2), [0, 3]);
        assert_eq!(tiers(3), [0, 1, 3]);
        assert_eq!(tiers(6), [0, 0, 1, 1, 2, 3]);
        // Past the last band (a stale index) stays on the top tier.
        assert_eq!(Scales::tier_of_band(9, 4), 3);
    }

    #[test]
    fn level_names_come_from_the_scale() {
        let s = Scales::default();
        assert_eq!(s.likelihood_name(4), "Likely");
        assert_eq!(
            s.consequence_level_name(Kind::Opportunity, 5),
            "Exceptional"
        );
        assert_eq!(s.likelihood_name(0), "?");
    }
}
