//! Compiles the free-from claim groups (`data/overlay/claims.toml`): each group's members,
//! resolved over every ingredient once its classes are known, sorted for binary search.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use glasskin_core::Class;

use crate::Result;
use crate::ingredients::Ingredients;
use crate::overlay::Overlay;
use crate::sources::Sources;

/// A compiled group.
pub struct Group {
    id: String,
    label: String,
    names: Vec<String>,
    members: Vec<String>,
    sources: Vec<usize>,
}

fn class_bits(ids: &[String], context: &str) -> Result<u64> {
    ids.iter().try_fold(0, |bits, id| {
        let class =
            Class::from_id(id).ok_or_else(|| format!("{context}: `{id}` is not a class id"))?;
        Ok(bits | 1 << class as u32)
    })
}

/// Resolves every group. A group without sources or members, an unknown name or class, or a
/// label word claimed by two groups fails the build.
pub fn compile(ings: &Ingredients, overlay: &Overlay, sources: &Sources) -> Result<Vec<Group>> {
    let mut groups = Vec::new();
    let mut words: BTreeSet<String> = BTreeSet::new();
    for (file, contents) in &overlay.files {
        for def in &contents.group {
            let context = format!("{}: group {}", file.display(), def.id);
            if def.sources.is_empty() {
                return Err(format!("{context}: no sources"));
            }
            let cited = def
                .sources
                .iter()
                .map(|s| sources.get(s, &context))
                .collect::<Result<Vec<_>>>()?;
            let classes = class_bits(&def.classes, &context)?;
            let within = class_bits(&def.within, &context)?;
            let rule = def.rule();
            for name in def.members.iter().chain(&def.exclude) {
                ings.find(name)
                    .ok_or_else(|| format!("{context}: unknown INCI name {name}"))?;
            }
            let mut members: Vec<String> = ings
                .iter()
                .filter(|ing| !def.exclude.contains(&ing.inci))
                .filter(|ing| {
                    def.members.contains(&ing.inci)
                        || ing.classes & classes != 0
                        || rule.rule_matches(ing)
                })
                .filter(|ing| within == 0 || ing.classes & within != 0)
                .map(|ing| ing.inci.clone())
                .collect();
            members.sort();
            if members.is_empty() {
                return Err(format!("{context}: takes in no ingredient"));
            }
            for name in &def.names {
                if name.to_lowercase() != *name {
                    return Err(format!("{context}: write the name `{name}` in lower case"));
                }
                if !words.insert(name.clone()) {
                    return Err(format!("{context}: `{name}` names another group too"));
                }
            }
            groups.push(Group {
                id: def.id.clone(),
                label: def.label.clone(),
                names: def.names.clone(),
                members,
                sources: cited,
            });
        }
    }
    Ok(groups)
}

/// Writes `CLAIM_GROUPS`.
pub fn write(out: &mut String, groups: &[Group]) {
    let _ = writeln!(
        out,
        "\nstatic CLAIM_GROUPS: [ClaimGroup; {}] = [",
        groups.len()
    );
    for g in groups {
        let refs: Vec<String> = g.sources.iter().map(|s| format!("&SOURCES[{s}]")).collect();
        let _ = writeln!(
            out,
            "    ClaimGroup {{ id: {:?}, label: {:?}, names: &{:?}, members: &{:?}, sources: &[{}] }},",
            g.id,
            g.label,
            g.names,
            g.members,
            refs.join(", ")
        );
    }
    out.push_str("];\n");
}
