//! The words for a label read: what the CLI's table and the web's Analyze page both say of each
//! ingredient and each product. Each front end styles them; neither writes its own.

use glasskin_core::ProductList;
use glasskin_core::kb::UvaCoverage;
use glasskin_core::product::{ActiveSource, Base, ClaimCheck, ClaimVerdict, Confidence};
use glasskin_core::{Entry, Match, OnePercent, Product};

/// Marks a note that the comedogenic caveat qualifies.
pub const COMEDOGENIC_MARK: &str = "*";
/// Marks a note that the fungal-acne caveat qualifies.
pub const FUNGAL_ACNE_MARK: &str = "†";

/// How sure glasskin is of the step: "high confidence".
pub fn confidence(product: &Product) -> &'static str {
    match product.confidence {
        Confidence::High => "high confidence",
        Confidence::Medium => "medium confidence",
        Confidence::Low => "low confidence",
    }
}

/// What it is made in: "water-based", "emulsion", "oil-based", "anhydrous", "base unknown".
pub fn base(product: &Product) -> &'static str {
    match product.base {
        Base::Water => "water-based",
        Base::Emulsion => "emulsion",
        Base::Oil => "oil-based",
        Base::Anhydrous => "anhydrous",
        Base::Unknown => "base unknown",
    }
}

/// "rinse-off" or "leave-on".
pub fn use_(product: &Product) -> &'static str {
    if product.rinse_off {
        "rinse-off"
    } else {
        "leave-on"
    }
}

/// The form in a line: "leave-on, emulsion, texture 3/5 (thin to thick); works at a low pH".
/// An unknown base has no texture to tell.
pub fn form(product: &Product) -> String {
    if product.base == Base::Unknown {
        return format!(
            "{}, base and texture unknown (too few ingredients recognised)",
            use_(product)
        );
    }
    format!(
        "{}, {}, texture {}/5 (thin to thick){}",
        use_(product),
        base(product),
        product.texture,
        if product.needs_low_ph {
            "; works at a low pH"
        } else {
            ""
        }
    )
}

/// Each active with its strength: "NIACINAMIDE (niacinamide, 5%)".
pub fn actives(product: &Product) -> Vec<String> {
    product
        .actives
        .iter()
        .map(|a| {
            let strength = match (a.percent, a.strength) {
                (Some(p), _) => format!("{p}%"),
                (None, OnePercent::Above) => "above 1%".to_owned(),
                (None, OnePercent::Below) => "below 1%".to_owned(),
                (None, OnePercent::Unknown) => "strength unknown".to_owned(),
            };
            let from = match a.from {
                ActiveSource::List => "",
                ActiveSource::Highlight => ", from the page's highlights",
            };
            format!(
                "{} ({}, {strength}{from})",
                a.inci,
                a.form.unwrap_or(a.class.label())
            )
        })
        .collect()
}

/// What the product is free of or fits, in a line: "fragrance-free, fits the 7-skin method". When
/// some ingredients were not recognised, the line says it holds only among those that were:
/// "among the 12 of 15 ingredients recognised: fragrance-free".
pub fn good(product: &Product) -> Option<String> {
    let flags = &product.flags;
    let good: Vec<&str> = [
        (flags.fragrance_free, "fragrance-free"),
        (flags.essential_oil_free, "essential-oil-free"),
        (flags.drying_alcohol_free, "drying-alcohol-free"),
        (flags.seven_skin, "fits the 7-skin method"),
    ]
    .into_iter()
    .filter_map(|(yes, what)| yes.then_some(what))
    .collect();
    if good.is_empty() {
        return None;
    }
    Some(match flags.coverage.among() {
        Some(among) => format!("{among}: {}", good.join(", ")),
        None => good.join(", "),
    })
}

/// What to know before reading anything else of a product: most of its list was not
/// recognised.
pub fn caution(product: &Product) -> Option<&str> {
    product.caution.as_deref()
}

/// What a person should know before using it, most personal first; a note a caveat qualifies
/// ends its label with that caveat's mark.
pub fn warnings(product: &Product) -> Vec<String> {
    let flags = &product.flags;
    let mut notes: Vec<String> = Vec::new();
    if !flags.eu_allergens.is_empty() {
        // A fragrance-free product's only allergens are preservatives (benzyl alcohol).
        let what = if flags.fragrance_free {
            "EU fragrance allergens, here as preservatives"
        } else {
            "EU fragrance allergens"
        };
        notes.push(format!("{what}: {}", flags.eu_allergens.join(", ")));
    }
    if !flags.fungal_acne_triggers.is_empty() {
        let weight = if product.rinse_off {
            " (rinsed off, so brief contact)"
        } else {
            ""
        };
        notes.push(format!(
            "ingredients commonly listed as fungal-acne triggers{FUNGAL_ACNE_MARK}{weight}: {}",
            flags.fungal_acne_triggers.join(", ")
        ));
    }
    if !flags.comedogenic.is_empty() {
        let rated: Vec<String> = flags
            .comedogenic
            .iter()
            .map(|c| format!("{} {}/5", c.inci, c.rating))
            .collect();
        notes.push(format!(
            "rated comedogenic{COMEDOGENIC_MARK}: {}",
            rated.join(", ")
        ));
    }
    if !flags.phototoxic.is_empty() {
        notes.push(format!(
            "sun: {} can burn or darken skin in sunlight unless furocoumarin-free (FCF); use it in the evening",
            flags.phototoxic.join(", ")
        ));
    }
    for caution in &flags.pregnancy_caution {
        notes.push(format!("pregnancy: ask your doctor; {caution}"));
    }
    notes.extend(flags.eu_compliance.iter().cloned());
    notes
}

/// The label's free-from claims, checked: those the list bears out in one sentence ("paraben-free,
/// sulfate-free: none of them in the list"), then each the list contradicts or glasskin cannot
/// check in a sentence of its own.
pub fn claims(product: &Product) -> (Option<String>, Vec<String>) {
    let holding: Vec<&ClaimCheck> = product
        .claims
        .iter()
        .filter(|c| c.verdict == ClaimVerdict::Holds)
        .collect();
    let summary = holding.first().map(|first| {
        let names: Vec<&str> = holding.iter().map(|c| c.claim.as_str()).collect();
        let where_ = first
            .coverage
            .among()
            .unwrap_or_else(|| "in the list".to_owned());
        match names.as_slice() {
            [one] => format!("the label says {one}: none {where_}"),
            _ => format!("the label says {}: none of them {where_}", names.join(", ")),
        }
    });
    let rest = product
        .claims
        .iter()
        .filter(|c| c.verdict != ClaimVerdict::Holds)
        .map(|c| format!("the label says {}", c.sentence()))
        .collect();
    (summary, rest)
}

/// What the product carries: "antioxidants (CAMELLIA SINENSIS LEAF EXTRACT, TOCOPHEROL)".
pub fn carries(product: &Product) -> Vec<String> {
    product
        .benefits
        .iter()
        .map(|b| format!("{} ({})", b.benefit.label(), b.ingredients.join(", ")))
        .collect()
}

/// Where the 1% line falls, in a sentence, when it could be estimated.
pub fn one_percent_line(list: &ProductList) -> Option<String> {
    let line = list.one_percent_line?;
    let declared = list
        .entries
        .get(line - 1)
        .and_then(|e| e.percent)
        .is_some_and(|p| p < 1.0);
    let why = if declared {
        "the first ingredient the label declares below 1%"
    } else {
        "the first ingredient normally used below 1%"
    };
    Some(format!("The 1% line is estimated at #{line}: {why}."))
}

/// How an entry was matched: "exact", "synonym", "~0.93", "korean", "ko~0.90", "unknown".
pub fn matched(entry: &Entry) -> String {
    match entry.matched {
        Match::Exact => "exact".to_owned(),
        Match::Synonym => "synonym".to_owned(),
        Match::Fuzzy => format!("~{:.2}", entry.score.unwrap_or_default()),
        Match::Korean => "korean".to_owned(),
        Match::KoreanRules => format!("ko~{:.2}", entry.score.unwrap_or_default()),
        Match::Unknown => "unknown".to_owned(),
    }
}

/// Which side of the 1% line an entry falls: "above", "below" or "?".
pub fn one_percent(entry: &Entry) -> &'static str {
    match entry.one_percent {
        OnePercent::Above => "above",
        OnePercent::Below => "below",
        OnePercent::Unknown => "?",
    }
}

/// An entry's flags, in the order a person reads them: its form, a declared percentage, EU
/// status, UV coverage, screening hints (marked with their caveat), "may contain", "nano", and
/// the analyzer's note.
pub fn entry_flags(entry: &Entry) -> Vec<String> {
    let f = entry.flags();
    let mut out = Vec::new();
    if let Some(form) = entry.form() {
        out.push(form.to_owned());
    }
    if let Some(p) = entry.percent {
        out.push(format!("{p}% on label"));
    }
    if f.eu_allergen.is_some() {
        out.push("EU fragrance allergen".into());
    }
    if let Some(a) = f.prohibited {
        if a.bans_only_some() {
            out.push(format!(
                "EU Annex II/{}: banned in some grades or uses",
                a.reference()
            ));
        } else {
            out.push(format!("prohibited in the EU (Annex II/{})", a.reference()));
        }
    }
    if let Some(a) = f.restricted {
        out.push(format!("EU-restricted (Annex III/{})", a.reference()));
    }
    if let Some(uv) = f.uv_filter {
        let uva = match uv.uva {
            UvaCoverage::None => "no UVA",
            UvaCoverage::Short => "UVA2",
            UvaCoverage::Long => "UVA1+UVA2",
        };
        out.push(format!("{}{uva}", if uv.uvb { "UVB+" } else { "" }));
    }
    if f.fungal_acne.is_some() {
        out.push(format!("fungal-acne trigger{FUNGAL_ACNE_MARK}"));
    }
    if let Some(r) = f.comedogenic {
        out.push(format!("comedogenic {}/5{COMEDOGENIC_MARK}", r.comedogenic));
    }
    if entry.may_contain {
        out.push("may contain".into());
    }
    if entry.nano {
        out.push("nano".into());
    }
    if let Some(note) = &entry.note {
        out.push(note.clone());
    }
    out
}

/// The caveats a report's notes call on: (comedogenic, fungal acne).
pub fn caveats(report: &super::Report) -> (bool, bool) {
    let mut caveats = (false, false);
    for list in &report.analysis.products {
        for entry in &list.entries {
            caveats.0 |= entry.flags().comedogenic.is_some();
            caveats.1 |= entry.flags().fungal_acne.is_some();
        }
    }
    for product in &report.understanding {
        caveats.0 |= !product.flags.comedogenic.is_empty();
        caveats.1 |= !product.flags.fungal_acne_triggers.is_empty();
    }
    caveats
}
