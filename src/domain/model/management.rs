//! What a management review (ISO 9001 9.3) records beyond a risk review:
//! the inputs it considered and the kind of each decision.

use serde::{Deserialize, Serialize};

use crate::domain::dates::Timestamp;

/// One 9.3.2 input a management review took into account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Considered {
    pub input: ManagementInput,
    /// What the review saw: "3 of 4 actions done, all checked effective".
    #[serde(default)]
    pub note: String,
    /// Where the evidence is: a path or URL.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evidence: String,
    pub at: Timestamp,
}

/// The inputs ISO 9001 9.3.2 asks a management review to take into account,
/// c's seven sub-inputs one each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ManagementInput {
    PreviousActions,
    ContextChanges,
    CustomerSatisfaction,
    QualityObjectives,
    ProcessPerformance,
    Nonconformities,
    MonitoringResults,
    AuditResults,
    ExternalProviders,
    Resources,
    RiskActions,
    Improvement,
}

impl ManagementInput {
    pub const ALL: [ManagementInput; 12] = [
        ManagementInput::PreviousActions,
        ManagementInput::ContextChanges,
        ManagementInput::CustomerSatisfaction,
        ManagementInput::QualityObjectives,
        ManagementInput::ProcessPerformance,
        ManagementInput::Nonconformities,
        ManagementInput::MonitoringResults,
        ManagementInput::AuditResults,
        ManagementInput::ExternalProviders,
        ManagementInput::Resources,
        ManagementInput::RiskActions,
        ManagementInput::Improvement,
    ];

    /// Its place in 9.3.2: "a", "c1" … "c7", "f". The history keys
    /// `considered[c3]` by it.
    pub fn code(self) -> &'static str {
        match self {
            ManagementInput::PreviousActions => "a",
            ManagementInput::ContextChanges => "b",
            ManagementInput::CustomerSatisfaction => "c1",
            ManagementInput::QualityObjectives => "c2",
            ManagementInput::ProcessPerformance => "c3",
            ManagementInput::Nonconformities => "c4",
            ManagementInput::MonitoringResults => "c5",
            ManagementInput::AuditResults => "c6",
            ManagementInput::ExternalProviders => "c7",
            ManagementInput::Resources => "d",
            ManagementInput::RiskActions => "e",
            ManagementInput::Improvement => "f",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ManagementInput::PreviousActions => {
                "Status of actions from previous management reviews"
            }
            ManagementInput::ContextChanges => "Changes in external and internal issues",
            ManagementInput::CustomerSatisfaction => {
                "Customer satisfaction and feedback from interested parties"
            }
            ManagementInput::QualityObjectives => "Extent to which quality objectives are met",
            ManagementInput::ProcessPerformance => {
                "Process performance and conformity of products and services"
            }
            ManagementInput::Nonconformities => "Nonconformities and corrective actions",
            ManagementInput::MonitoringResults => "Monitoring and measurement results",
            ManagementInput::AuditResults => "Audit results",
            ManagementInput::ExternalProviders => "Performance of external providers",
            ManagementInput::Resources => "Adequacy of resources",
            ManagementInput::RiskActions => {
                "Effectiveness of actions taken to address risks and opportunities"
            }
            ManagementInput::Improvement => "Opportunities for improvement",
        }
    }

    pub fn from_code(code: &str) -> Option<ManagementInput> {
        ManagementInput::ALL.into_iter().find(|i| i.code() == code)
    }
}

/// What a management review decision is, as ISO 9001 9.3.3 sorts outputs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum ManagementOutput {
    Improvement,
    QmsChange,
    ResourceNeed,
    RiskDecision,
}

impl ManagementOutput {
    pub const ALL: [ManagementOutput; 4] = [
        ManagementOutput::Improvement,
        ManagementOutput::QmsChange,
        ManagementOutput::ResourceNeed,
        ManagementOutput::RiskDecision,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ManagementOutput::Improvement => "Opportunity for improvement",
            ManagementOutput::QmsChange => "Change to the QMS",
            ManagementOutput::ResourceNeed => "Resource need",
            ManagementOutput::RiskDecision => "Risk decision",
        }
    }
}
