//! What an ingredient list says about its product, gathered once: its base, lipids, cleansing
//! ingredients and acids, read by every later question.

use crate::analyze::{Entry, OnePercent};
use crate::kb::{Annex, Class, ClassSet, Ingredient, Summary, Traits};

use super::Step;
use super::{ACIDS, ACTIVES, Base, Coverage, DRUGS, EXFOLIANTS};

pub(super) fn is_mineral_filter(i: &Ingredient) -> bool {
    matches!(i.inci(), "ZINC OXIDE" | "TITANIUM DIOXIDE")
}

pub(super) fn is_l_ascorbic_acid(form: Option<&str>) -> bool {
    form == Some("L-ascorbic acid")
}

/// An ingredient of a list as understanding reads it: the classes and traits of its summary.
#[derive(Clone, Copy)]
pub(super) struct Item {
    classes: ClassSet,
    traits: Traits,
}

impl Item {
    pub(super) fn of(summary: Summary) -> Item {
        Item {
            classes: summary.classes(),
            traits: summary.traits(),
        }
    }

    fn is(self, class: Class) -> bool {
        self.classes.contains(class)
    }

    fn has(self, traits: Traits) -> bool {
        self.traits.has(traits)
    }
}

/// What the ingredient list says, gathered once.
pub(super) struct Facts {
    /// Recognised ingredients outside "may contain", in label order: their classes and traits,
    /// and places relative to the 1% line.
    pub(super) items: Vec<(Item, OnePercent)>,
    /// Entries outside "may contain", recognised or not.
    pub(super) listed: usize,
    /// Position (0-based, among `items`) of water or a water-like base, if in the major part.
    pub(super) water_at: Option<usize>,
    /// Lipids (oils, esters, occlusives, emollients, silicones) in the major part.
    pub(super) major_lipids: usize,
    /// The first three are mostly lipids.
    pub(super) lipid_led: bool,
    /// Petrolatum, lanolin, waxes or butters come first: an ointment or balm, not an oil.
    pub(super) occlusive_led: bool,
    /// Share of all recognised entries that are lipids.
    lipid_share: f32,
    /// An oil-cleanser emulsifier anywhere in the list.
    pub(super) oil_cleanser_emulsifier: bool,
    /// An oil-cleanser emulsifier in the major part: at a cleanser's level, not a trace.
    oil_cleanser_emulsifier_high: bool,
    /// Cleansing surfactants (or soap-forming fatty acids with an alkali) among the first five.
    pub(super) cleansing_high: bool,
    /// AHA/BHA/PHA above the 1% line or within the first five.
    pub(super) acids_high: bool,
    /// An AHA or BHA among the first three: the product is built around it, whatever its base.
    pub(super) acid_leads: bool,
    /// Scrub particles in the major part, or enzymes in a powder.
    pub(super) exfoliating_particles: bool,
    /// A clay or charcoal in the first five.
    pub(super) clay_high: bool,
    /// Polyvinyl alcohol among the first three: the film of a peel-off mask.
    pub(super) peel_off_film: bool,
    pub(super) uv_filters: Vec<Ingredient>,
    /// How many of them a page gave only in its highlights.
    pub(super) highlighted_filters: usize,
    /// Every class of the recognised ingredients.
    pub(super) classes: ClassSet,
    /// Titanium dioxide in the first three of a list with no iron oxides: an untinted product
    /// with it at a filter's level, not a pigment's.
    pub(super) titanium_high_untinted: bool,
    /// UV filters in the major part.
    pub(super) major_uv_filters: usize,
    /// Thickeners and waxes (fatty alcohols, butters, waxes, gums) in the major part.
    pub(super) thickeners: usize,
    /// A cream's body (a solid fatty alcohol, butter, wax or fatty emulsifier) among the first
    /// ten not known to be below the 1% line.
    pub(super) creamy: bool,
    /// Lipids in the major part other than silicones and light volatile hydrocarbons: the oils
    /// that make a lotion feel rich.
    pub(super) rich_lipids: usize,
    /// A silicone leads a list with no water: a silicone serum or primer, not an oil.
    pub(super) silicone_led: bool,
    pub(super) humectant_in_first_five: bool,
    /// A treatment active (retinoid, vitamin C, niacinamide, azelaic acid…) in the major part, or
    /// a retinoid at the 1% line.
    pub(super) actives_high: bool,
    /// A retinoid, benzoyl peroxide, azelaic acid or hydroquinone anywhere: potent at low levels.
    pub(super) drug_active: bool,
    /// Any exfoliating acid, enzyme or scrub particle, wherever it is listed.
    pub(super) any_exfoliant: bool,
}

impl Facts {
    pub(super) fn of(entries: &[Entry]) -> Facts {
        // Recognised entries outside "may contain". Each is read from its summary: a rare
        // ingredient's record would be a trip to memory.
        let listed = || {
            entries
                .iter()
                .filter(|e| !e.may_contain)
                .filter_map(|e| Some((e, e.ingredient?)))
        };
        let mut items = Vec::with_capacity(entries.len());
        items.extend(listed().map(|(e, _)| (Item::of(e.summary), e.one_percent)));
        let above = items
            .iter()
            .take_while(|(_, p)| *p == OnePercent::Above)
            .count();
        // With no line found, the first five stand in for the major part.
        let major = if items.iter().any(|(_, p)| *p == OnePercent::Below) {
            above.max(1)
        } else {
            items.len().min(5)
        };
        let first = |n: usize| items.iter().take(n).map(|(i, _)| *i);
        let major_part = || first(major);
        // Korean lists often lead with an aqueous plant extract instead of water; alcohol, glycerin
        // or a glycol leading a list is a liquid base too (mists, astringent toners, and lists
        // printed without their water).
        let water_at = first(major.max(3))
            .enumerate()
            .position(|(n, i)| i.has(Traits::WATERY) || (n == 0 && i.has(Traits::LIQUID_BASE)));
        let lipids_in_first_three = first(3).filter(|i| i.has(Traits::LIPID)).count();
        // What the whole list holds, in one pass.
        let mut classes = ClassSet::EMPTY;
        let mut lipid_total = 0;
        let mut uv_filters = Vec::new();
        let (mut any_exfoliant, mut acids_high, mut iron_oxides) = (false, false, false);
        for (n, (e, i)) in listed().enumerate() {
            let (is, traits, p) = (e.summary.classes(), e.summary.traits(), e.one_percent);
            classes = classes.union(is);
            lipid_total += usize::from(traits.has(Traits::LIPID));
            iron_oxides |= traits.has(Traits::IRON_OXIDE);
            if is.contains(Class::UvFilter) && e.annex(Annex::VI).is_some() {
                uv_filters.push(i);
            }
            if is.intersects(EXFOLIANTS) && !traits.has(Traits::PH_ADJUSTER) {
                any_exfoliant = true;
                acids_high |= is.intersects(ACIDS) && (p == OnePercent::Above || n < 5);
            }
        }
        // Fatty acids neutralised by potash make the soap of many foam cleansers; stearic acid
        // with a little alkali is also how creams are emulsified, so the acid must lead.
        let soap_fatty_acids = first(3).any(|i| i.has(Traits::SOAP_FATTY_ACID))
            && first(8).any(|i| i.has(Traits::SOAP_ALKALI));
        Facts {
            listed: entries.iter().filter(|e| !e.may_contain).count(),
            water_at,
            major_lipids: major_part().filter(|i| i.has(Traits::LIPID)).count(),
            lipid_led: lipids_in_first_three >= 2
                || (lipids_in_first_three == 1 && items.len() == 1),
            occlusive_led: first(1).any(|i| i.has(Traits::BALM_OCCLUSIVE)),
            lipid_share: if items.is_empty() {
                0.0
            } else {
                lipid_total as f32 / items.len() as f32
            },
            oil_cleanser_emulsifier: classes.contains(Class::OilCleanserEmulsifier),
            oil_cleanser_emulsifier_high: major_part().any(|i| i.is(Class::OilCleanserEmulsifier)),
            // Sodium stearate also gels sticks and balms: it cleanses only when it leads.
            cleansing_high: soap_fatty_acids
                || first(4).any(|i| i.has(Traits::CLEANSING) && !i.has(Traits::STEARATE))
                || first(2).any(|i| i.has(Traits::CLEANSING)),
            acid_leads: first(3)
                .any(|i| (i.is(Class::Aha) || i.is(Class::Bha)) && !i.has(Traits::PH_ADJUSTER)),
            acids_high,
            // Enzymes work at low levels, so any enzyme in a powder counts; in a watery toner it
            // is a mild extra, not what the product is.
            exfoliating_particles: major_part().any(|i| i.is(Class::PhysicalExfoliant))
                || (water_at.is_none() && classes.contains(Class::EnzymeExfoliant)),
            clay_high: first(5).any(|i| i.has(Traits::CLAY)),
            peel_off_film: first(3).any(|i| i.has(Traits::FILM_FORMER)),
            titanium_high_untinted: first(3).any(|i| i.has(Traits::TITANIUM_DIOXIDE))
                && !iron_oxides,
            // Titanium dioxide is also a white pigment (CI 77891), so alone it proves nothing.
            major_uv_filters: major_part()
                .filter(|i| i.is(Class::UvFilter) && !i.has(Traits::TITANIUM_DIOXIDE))
                .count(),
            uv_filters,
            highlighted_filters: 0,
            classes,
            thickeners: major_part().filter(|i| i.has(Traits::THICKENER)).count(),
            creamy: items
                .iter()
                .take(10)
                .take_while(|(_, p)| *p != OnePercent::Below)
                .any(|(i, _)| i.has(Traits::CREAMY)),
            rich_lipids: major_part()
                .filter(|i| i.has(Traits::LIPID) && !i.has(Traits::LIGHT_LIPID))
                .count(),
            silicone_led: water_at.is_none() && first(1).any(|i| i.is(Class::Silicone)),
            humectant_in_first_five: first(5).any(|i| i.is(Class::Humectant)),
            // A retinoid works below 1% and is itself the line: one there leads the list as much
            // as an active above it.
            actives_high: first(major + 1).enumerate().any(|(n, i)| {
                (n < major || i.is(Class::Retinoid))
                    && i.classes.intersects(ACTIVES)
                    && !i.has(Traits::PH_ADJUSTER)
            }),
            drug_active: classes.intersects(DRUGS),
            any_exfoliant,
            items,
        }
    }

    /// How many of the listed ingredients were recognised.
    pub(super) fn coverage(&self) -> Coverage {
        Coverage {
            recognised: self.items.len(),
            listed: self.listed,
        }
    }

    pub(super) fn base(&self) -> Base {
        // Positions among a few recognised names say nothing of the product's base.
        if self.items.is_empty() || self.coverage().mostly_unrecognised() {
            return Base::Unknown;
        }
        match (self.water_at.is_some(), self.major_lipids) {
            (true, 0) => Base::Water,
            (true, _) => Base::Emulsion,
            (false, _) if self.lipid_led || self.lipid_share >= 0.5 => Base::Oil,
            (false, _) => Base::Anhydrous,
        }
    }

    /// An oil or balm dominates and there is little or no water.
    pub(super) fn oil_dominated(&self) -> bool {
        self.lipid_led && self.water_at.is_none_or(|at| at >= 3)
    }

    /// An oil or ester leads, with little or no water and an emulsifier at a cleanser's level:
    /// it rinses off as a milk, whatever its name calls it. A balm's wax may come second; scrub
    /// particles make it a scrub.
    pub(super) fn rinses_off_as_oil_cleanser(&self) -> bool {
        self.oil_cleanser_emulsifier_high
            && !self.exfoliating_particles
            && self
                .items
                .first()
                .is_some_and(|(i, _)| i.has(Traits::LIPID))
            && self.water_at.is_none_or(|at| at >= 3)
    }

    /// Scrubs, enzyme powders and cleansing exfoliants are washed off; liquid acid exfoliants
    /// stay on.
    pub(super) fn rinse_off_exfoliant(&self) -> bool {
        self.exfoliating_particles || self.cleansing_high || self.clay_high
    }

    pub(super) fn texture(&self, step: Step, base: Base) -> u8 {
        match base {
            Base::Oil | Base::Anhydrous => 5,
            Base::Water if self.thickeners == 0 && !matches!(step, Step::Serum) => 1,
            Base::Water => 2,
            Base::Emulsion if self.major_lipids + self.thickeners >= 4 => 4,
            Base::Emulsion | Base::Unknown => 3,
        }
    }

    pub(super) fn is_oil_only(&self) -> bool {
        self.water_at.is_none()
            && !self.silicone_led
            && self.lipid_share >= 0.6
            && !self.oil_cleanser_emulsifier
            && !self.occlusive_led
    }
}
