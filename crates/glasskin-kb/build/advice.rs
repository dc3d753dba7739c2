//! Compiles `data/advice/rules.toml` and `tips.toml` into `RULES` and `TIPS` statics, checking
//! every reference: a rule naming an unknown class, tip, fix or source fails the build.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use glasskin_core::Class;
use glasskin_core::advice::{Fix, RuleKind, Scope, SkinType, TOPICS};
use serde::Deserialize;

use crate::Result;
use crate::sources::{SourceDef, Sources};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    rule: Vec<RuleDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TipsFile {
    #[serde(default)]
    sources: BTreeMap<String, SourceDef>,
    tip: Vec<TipDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDef {
    id: String,
    title: String,
    severity: String,
    grade: String,
    sources: Vec<String>,
    why: String,
    #[serde(default)]
    myth: Option<String>,
    #[serde(default)]
    fixes: Vec<String>,
    #[serde(default)]
    tips: Vec<String>,
    kind: String,
    #[serde(default)]
    scope: Option<String>,
    #[serde(default)]
    terms: Vec<TermDef>,
    #[serde(default)]
    profile: ProfileDef,
    #[serde(default)]
    at_least: Option<u8>,
    #[serde(default)]
    budget: Option<BTreeMap<String, u8>>,
    #[serde(default)]
    overrides: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TermDef {
    #[serde(default)]
    class: Option<String>,
    #[serde(default)]
    classes: Vec<String>,
    #[serde(default)]
    form: Option<String>,
    #[serde(default)]
    forms: Vec<String>,
    #[serde(default)]
    strength: Option<String>,
    #[serde(default)]
    leave_on: bool,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ProfileDef {
    #[serde(default)]
    pregnant: bool,
    #[serde(default)]
    breastfeeding: bool,
    #[serde(default)]
    skin_types: Vec<String>,
    #[serde(default)]
    new_to_retinoids: bool,
    #[serde(default)]
    irritated: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TipDef {
    id: String,
    title: String,
    topics: Vec<String>,
    grade: String,
    sources: Vec<String>,
    text: String,
}

fn read<T: for<'de> Deserialize<'de>>(path: &Path) -> Result<T> {
    let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn grade(grade: &str, context: &str) -> Result<String> {
    match grade {
        "A" | "B" | "C" | "D" | "M" => Ok(grade.to_owned()),
        other => Err(format!("{context}: grade `{other}`; use A, B, C, D or M")),
    }
}

fn kebab(id: &str, context: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if ok {
        Ok(())
    } else {
        Err(format!("{context}: id `{id}` must be kebab-case"))
    }
}

fn source_refs(ids: &[String], sources: &Sources, context: &str) -> Result<String> {
    if ids.is_empty() {
        return Err(format!("{context}: needs at least one source"));
    }
    let refs: Vec<String> = ids
        .iter()
        .map(|id| sources.get(id, context).map(|i| format!("&SOURCES[{i}]")))
        .collect::<Result<_>>()?;
    Ok(format!("&[{}]", refs.join(", ")))
}

/// Reads the advice folder, registers its sources, and returns the Rust code of `RULES` and
/// `TIPS`.
pub fn compile(dir: &Path, sources: &mut Sources) -> Result<String> {
    let rules_path = dir.join("rules.toml");
    let tips_path = dir.join("tips.toml");
    let rules: RulesFile = read(&rules_path)?;
    let tips: TipsFile = read(&tips_path)?;
    for (path, defs) in [(&rules_path, &rules.sources), (&tips_path, &tips.sources)] {
        for (id, def) in defs {
            sources.add(id, def.clone(), path)?;
        }
    }

    let mut out = String::new();
    let mut tip_ids: Vec<&str> = Vec::new();
    let _ = writeln!(out, "static TIPS: [Tip; {}] = [", tips.tip.len());
    for tip in &tips.tip {
        let context = format!("{}: tip `{}`", tips_path.display(), tip.id);
        kebab(&tip.id, &context)?;
        if tip_ids.contains(&tip.id.as_str()) {
            return Err(format!("{context}: defined twice"));
        }
        tip_ids.push(&tip.id);
        if let Some(topic) = tip.topics.iter().find(|t| !TOPICS.contains(&t.as_str())) {
            return Err(format!("{context}: unknown topic `{topic}`"));
        }
        let _ = writeln!(
            out,
            "    Tip {{ id: {:?}, title: {:?}, topics: &{:?}, grade: Grade::{}, sources: {}, text: {:?} }},",
            tip.id,
            tip.title,
            tip.topics,
            grade(&tip.grade, &context)?,
            source_refs(&tip.sources, sources, &context)?,
            tidy_text(&tip.text)
        );
    }
    out.push_str("];\n\n");

    let mut rule_ids: Vec<&str> = Vec::new();
    let _ = writeln!(out, "static RULES: [Rule; {}] = [", rules.rule.len());
    for rule in &rules.rule {
        let context = format!("{}: rule `{}`", rules_path.display(), rule.id);
        kebab(&rule.id, &context)?;
        if rule_ids.contains(&rule.id.as_str()) {
            return Err(format!("{context}: defined twice"));
        }
        rule_ids.push(&rule.id);
        let _ = writeln!(
            out,
            "    {},",
            rule_code(rule, sources, &tip_ids, &context)?
        );
    }
    out.push_str("];\n");
    for rule in &rules.rule {
        if let Some(target) = &rule.overrides
            && !rule_ids.contains(&target.as_str())
        {
            return Err(format!(
                "{}: rule `{}` overrides unknown rule `{target}`",
                rules_path.display(),
                rule.id
            ));
        }
    }
    Ok(out)
}

fn rule_code(rule: &RuleDef, sources: &Sources, tips: &[&str], context: &str) -> Result<String> {
    let severity = match rule.severity.as_str() {
        "info" => "Info",
        "caution" => "Caution",
        "warning" => "Warning",
        other => return Err(format!("{context}: severity `{other}`")),
    };
    let grade = grade(&rule.grade, context)?;
    if grade == "M" && (severity != "Info" || rule.myth.is_none()) {
        return Err(format!(
            "{context}: a myth (grade M) is severity info and states the `myth`"
        ));
    }
    let fixes: Vec<String> = rule
        .fixes
        .iter()
        .map(|f| {
            Fix::from_id(f)
                .map(|fix| format!("Fix::{fix:?}"))
                .ok_or_else(|| format!("{context}: unknown fix `{f}`"))
        })
        .collect::<Result<_>>()?;
    if let Some(tip) = rule.tips.iter().find(|t| !tips.contains(&t.as_str())) {
        return Err(format!("{context}: unknown tip `{tip}`"));
    }
    let kind = RuleKind::from_id(&rule.kind)
        .ok_or_else(|| format!("{context}: unknown kind `{}`", rule.kind))?;
    let scope = match &rule.scope {
        Some(s) => Scope::from_id(s).ok_or_else(|| format!("{context}: unknown scope `{s}`"))?,
        None => Scope::Week,
    };
    // New products may be narrowed to those meeting a term; the budget takes none.
    let takes_terms = kind != RuleKind::ExfoliationBudget;
    let needs_terms = !matches!(kind, RuleKind::ExfoliationBudget | RuleKind::NewProducts);
    if (needs_terms && rule.terms.is_empty()) || (!takes_terms && !rule.terms.is_empty()) {
        return Err(format!(
            "{context}: kind `{}` {} terms",
            rule.kind,
            if needs_terms { "needs" } else { "takes no" }
        ));
    }
    let terms: Vec<String> = rule
        .terms
        .iter()
        .map(|t| term_code(t, context))
        .collect::<Result<_>>()?;
    let skin_types: Vec<String> = rule
        .profile
        .skin_types
        .iter()
        .map(|s| {
            SkinType::from_id(s)
                .map(|t| format!("SkinType::{t:?}"))
                .ok_or_else(|| format!("{context}: unknown skin type `{s}`"))
        })
        .collect::<Result<_>>()?;
    let budget = match (&rule.budget, kind) {
        (Some(days), RuleKind::ExfoliationBudget) => {
            let per_type: Vec<String> = SkinType::ALL
                .iter()
                .map(|t| {
                    days.get(t.id())
                        .map(u8::to_string)
                        .ok_or_else(|| format!("{context}: budget has no `{}`", t.id()))
                })
                .collect::<Result<_>>()?;
            format!("Some(Budget {{ days: [{}] }})", per_type.join(", "))
        }
        (None, RuleKind::ExfoliationBudget) => {
            return Err(format!("{context}: exfoliation_budget needs a `budget`"));
        }
        (Some(_), _) => return Err(format!("{context}: only exfoliation_budget takes a budget")),
        (None, _) => "None".to_owned(),
    };
    Ok(format!(
        "Rule {{ id: {:?}, title: {:?}, severity: Severity::{severity}, grade: Grade::{grade}, sources: {}, why: {:?}, myth: {:?}, fixes: &[{}], tips: &{:?}, kind: RuleKind::{kind:?}, scope: Scope::{scope:?}, terms: &[{}], profile: ProfileCondition {{ pregnant: {}, breastfeeding: {}, skin_types: &[{}], new_to_retinoids: {}, irritated: {} }}, at_least: {}, budget: {budget}, overrides: {:?} }}",
        rule.id,
        rule.title,
        source_refs(&rule.sources, sources, context)?,
        tidy_text(&rule.why),
        rule.myth.as_deref().map(tidy_text),
        fixes.join(", "),
        rule.tips,
        terms.join(", "),
        rule.profile.pregnant,
        rule.profile.breastfeeding,
        skin_types.join(", "),
        rule.profile.new_to_retinoids,
        rule.profile.irritated,
        rule.at_least.unwrap_or(0),
        rule.overrides,
    ))
}

fn term_code(term: &TermDef, context: &str) -> Result<String> {
    let mut classes = term.classes.clone();
    classes.extend(term.class.clone());
    if classes.is_empty() {
        return Err(format!("{context}: a term needs `class` or `classes`"));
    }
    let mut bits = 0u64;
    for id in &classes {
        let class = Class::from_id(id).ok_or_else(|| format!("{context}: unknown class `{id}`"))?;
        bits |= 1 << class as u32;
    }
    let above = match term.strength.as_deref() {
        None => false,
        Some("above_one_percent") => true,
        Some(other) => return Err(format!("{context}: unknown strength `{other}`")),
    };
    let mut forms = term.forms.clone();
    forms.extend(term.form.clone());
    Ok(format!(
        "Term {{ classes: ClassSet::from_bits({bits}), forms: &{forms:?}, above_one_percent: {above}, leave_on: {} }}",
        term.leave_on
    ))
}

/// Multi-line TOML strings keep their line breaks; the text is shown reflowed.
fn tidy_text(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
