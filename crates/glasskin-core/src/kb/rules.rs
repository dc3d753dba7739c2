//! Rules and tips as the knowledge base's build compiles them: their shape and vocabulary, beside
//! the sources and grades they cite. How a routine is checked against them is
//! [`crate::advice`]'s, and the compiled rules and tips are an [`crate::advice::Library`], apart
//! from the [`crate::KnowledgeBase`] the analyzer reads.

use serde::Serialize;

use crate::vocabulary;

use super::{ClassSet, Grade, Source};

vocabulary! {
    /// How much a finding matters.
    pub Severity {
        Info = "info", "note";
        Caution = "caution", "caution";
        Warning = "warning", "warning";
    }
}

vocabulary! {
    /// A change to a routine that resolves a finding.
    pub Fix {
        SplitAmPm = "split_am_pm", "use one in the morning and the other in the evening";
        AlternateNights = "alternate_nights", "use them on alternate nights";
        LowerFrequency = "lower_frequency", "use it less often";
        BufferWithMoisturizer = "buffer_with_moisturizer", "apply moisturiser first to buffer it";
        DropOne = "drop_one", "drop one of the products";
        AddSunscreen = "add_sunscreen", "add a broad-spectrum SPF 30+ sunscreen every morning";
        IntroduceOneAtATime = "introduce_one_at_a_time", "introduce one new product at a time, a few weeks apart";
        AskADoctor = "ask_a_doctor", "ask your doctor or pharmacist";
        UseInTheEvening = "use_in_the_evening", "use it in the evening, not before going out in daylight";
    }
}

impl Fix {
    /// Whether the fix changes when or whether a product is used: advice never to give about a
    /// sunscreen, which every morning needs.
    pub fn changes_use(self) -> bool {
        matches!(
            self,
            Fix::SplitAmPm
                | Fix::AlternateNights
                | Fix::LowerFrequency
                | Fix::DropOne
                | Fix::UseInTheEvening
        )
    }
}

vocabulary! {
    /// What a rule looks for.
    pub RuleKind {
        Together = "together", "every term met, each by a different product, in one scope";
        Several = "several", "the term met by several products in one scope";
        WithoutSunscreen = "without_sunscreen", "the term met in the week, and a morning without sunscreen";
        ExfoliationBudget = "exfoliation_budget", "more exfoliating days than the skin type's budget";
        NewProducts = "new_products", "products started in the last four weeks (those meeting a term, if it has any)";
        Profile = "profile", "the term met anywhere, for this profile";
        Stack = "stack", "several products in one session each meeting some term";
        Morning = "morning", "the term met in a morning session";
    }
}

vocabulary! {
    /// Where a rule's terms must meet.
    pub Scope {
        Session = "session", "in one session";
        Day = "day", "on one day";
        Week = "week", "in one week";
    }
}

vocabulary! {
    /// A skin type, as people describe their own skin.
    pub SkinType {
        Dry = "dry", "dry";
        Oily = "oily", "oily";
        Combination = "combination", "combination";
        Normal = "normal", "normal";
        Sensitive = "sensitive", "sensitive";
    }
}

/// What a product must contain to meet a rule's term.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Term {
    /// Any of these classes.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub classes: ClassSet,
    /// The ingredient's form starts with one of these (case-insensitive): "tretinoin",
    /// "L-ascorbic acid". Empty: any form.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub forms: &'static [&'static str],
    /// Only entries estimated above the 1% line.
    pub above_one_percent: bool,
    /// Only leave-on products.
    pub leave_on: bool,
}

/// Conditions on the person; a rule with none applies to everyone.
#[derive(Debug, Default, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileCondition {
    /// Applies during pregnancy.
    pub pregnant: bool,
    /// Applies while breastfeeding.
    pub breastfeeding: bool,
    /// Applies to any of these skin types (empty: any).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<SkinType>))]
    pub skin_types: &'static [SkinType],
    /// Applies while a retinoid is being introduced.
    pub new_to_retinoids: bool,
    /// Applies while the skin is irritated.
    pub irritated: bool,
}

/// Exfoliating days per week a skin type tolerates.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Budget {
    /// Per skin type, in [`SkinType::ALL`] order.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<u8>))]
    pub days: [u8; 5],
}

impl Budget {
    /// The budget for a skin type.
    pub fn for_skin(&self, skin: SkinType) -> u8 {
        self.days[skin as usize]
    }
}

/// An evidence-graded rule.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Rule {
    /// Stable id, kebab-case.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: &'static str,
    /// A short title.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub title: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// The evidence grade of the finding.
    pub grade: Grade,
    /// The evidence.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Source>))]
    pub sources: &'static [&'static Source],
    /// Why, in plain language.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub why: &'static str,
    /// For a myth (grade M): the popular claim.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub myth: Option<&'static str>,
    /// What resolves it.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Fix>))]
    pub fixes: &'static [Fix],
    /// Ids of tips to read.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub tips: &'static [&'static str],
    /// What it looks for.
    pub kind: RuleKind,
    /// Where its terms must meet.
    pub scope: Scope,
    /// What products must contain.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Term>))]
    pub terms: &'static [Term],
    /// Who it applies to.
    pub profile: ProfileCondition,
    /// How many products (several, stack, new products).
    pub at_least: u8,
    /// The exfoliation budget (exfoliation_budget only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// A broader rule this one replaces when both fire.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub overrides: Option<&'static str>,
}

/// A piece of advice, with its evidence.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Tip {
    /// Stable id, kebab-case.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: &'static str,
    /// A short title.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub title: &'static str,
    /// Steps, concerns, lifestyle factors and practices it is about.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<String>))]
    pub topics: &'static [&'static str],
    /// The evidence grade.
    pub grade: Grade,
    /// The evidence.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Source>))]
    pub sources: &'static [&'static Source],
    /// The advice.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub text: &'static str,
}
