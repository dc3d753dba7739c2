//! Product labels shared by the rule and planner tests, written from real products' published
//! lists (abbreviated).

#![allow(dead_code)]

pub const TRETINOIN: &str = "Tretinoin 0.025%, Purified Water, Stearic Acid, Isopropyl Myristate, Stearyl Alcohol, Xanthan Gum, Sorbic Acid, BHT";
pub const ADAPALENE: &str = "Adapalene 0.1%, Carbomer 940, Edetate Disodium, Methylparaben, Poloxamer 182, Propylene Glycol, Purified Water, Sodium Hydroxide";
pub const BPO: &str = "Benzoyl Peroxide 2.5%, Water, Carbomer, Sodium Hydroxide, Disodium EDTA";
pub const RETINOL: &str = "Squalane, Caprylic/Capric Triglyceride, Retinol, Solanum Lycopersicum (Tomato) Fruit Extract, Simmondsia Chinensis (Jojoba) Seed Oil, Rosmarinus Officinalis (Rosemary) Leaf Extract, BHT";
pub const GRANACTIVE: &str = "Aqua, Dimethyl Isosorbide, Squalane, Hydroxypinacolone Retinoate, Polysorbate 20, Caprylic/Capric Triglyceride, Phenoxyethanol";
pub const BHA_LIQUID: &str = "Water, Methylpropanediol, Butylene Glycol, Salicylic Acid, Polysorbate 20, Camellia Oleifera Leaf Extract, Sodium Hydroxide, Tetrasodium EDTA";
pub const SA_CLEANSER: &str = "Water, Cocamidopropyl Hydroxysultaine, Glycerin, Sodium Lauroyl Sarcosinate, Niacinamide, Gluconolactone, Sodium Methyl Cocoyl Taurate, Salicylic Acid, Ceramide NP, Phenoxyethanol";
pub const AHA_TONER: &str = "Aqua, Aloe Barbadensis Leaf Water, Glycolic Acid, Butylene Glycol, Glycerin, Ammonium Hydroxide, Hexylene Glycol, Fragrance, Phenoxyethanol";
pub const SCRUB: &str = "Water, Juglans Regia (Walnut) Shell Powder, Glyceryl Stearate, Propylene Glycol Stearate, Cetyl Alcohol, Zea Mays (Corn) Kernel Meal, Phenoxyethanol";
pub const VITAMIN_C: &str = "Water, Ethoxydiglycol, Ascorbic Acid, Glycerin, Propylene Glycol, Laureth-23, Phenoxyethanol, Tocopherol, Triethanolamine, Ferulic Acid, Panthenol, Sodium Hyaluronate";
pub const ASCORBYL_GLUCOSIDE: &str =
    "Aqua, Ascorbyl Glucoside, Propanediol, Aminomethyl Propanol, Phenoxyethanol, Chlorphenesin";
pub const NIACINAMIDE: &str = "Aqua, Niacinamide, Pentylene Glycol, Zinc PCA, Dimethyl Isosorbide, Xanthan Gum, Phenoxyethanol, Chlorphenesin";
pub const COPPER: &str = "Aqua, Glycerin, Copper Tripeptide-1, Sodium Hyaluronate, Phenoxyethanol";
pub const HYDROQUINONE: &str =
    "Hydroquinone 2%, Water, Glycerin, Cetearyl Alcohol, Sodium Metabisulfite, Phenoxyethanol";
pub const SUNSCREEN: &str = "Water, Oryza Sativa (Rice) Extract, Dibutyl Adipate, Propanediol, Diethylamino Hydroxybenzoyl Hexyl Benzoate, Ethylhexyl Triazone, Methylene Bis-Benzotriazolyl Tetramethylbutylphenol, Niacinamide, Glycerin, Phenoxyethanol";
pub const CREAM: &str = "Water, Glycerin, Caprylic/Capric Triglyceride, Cetearyl Alcohol, Squalane, Glyceryl Stearate, Phenoxyethanol";
pub const TONER: &str =
    "Water, Butylene Glycol, Glycerin, Sodium Hyaluronate, Panthenol, Allantoin";

pub const GENTLE_CLEANSER: &str = "Water, Cocamidopropyl Betaine, Sodium Lauroyl Methyl Isethionate, Polysorbate 20, Butylene Glycol, Allantoin, Citric Acid, Disodium EDTA";
pub const OIL_CLEANSER: &str = "Ethylhexyl Palmitate, Cetyl Ethylhexanoate, PEG-20 Glyceryl Triisostearate, PEG-10 Isostearate, Butylene Glycol, Water, Tocopheryl Acetate, Phenoxyethanol";
pub const ESSENCE: &str = "Galactomyces Ferment Filtrate, Butylene Glycol, Pentylene Glycol, Water, Sodium Benzoate, Methylparaben, Sorbic Acid";
pub const FRAGRANT_TONER: &str =
    "Water, Butylene Glycol, Glycerin, Rosa Damascena Flower Water, Parfum, Phenoxyethanol";
pub const ALCOHOL_TONER: &str =
    "Water, Alcohol Denat., Hamamelis Virginiana (Witch Hazel) Water, Glycerin, Parfum";
pub const SHEET_MASK: &str = "Water, Butylene Glycol, Glycerin, Melaleuca Alternifolia (Tea Tree) Leaf Extract, Sodium Hyaluronate, Allantoin, Panthenol, Carbomer, Arginine, Disodium EDTA";
pub const CLAY_MASK: &str = "Kaolin, Water, Bentonite, Glycerin, Butylene Glycol, Volcanic Ash, Xanthan Gum, Phenoxyethanol";
pub const EYE_CREAM: &str = "Water, Glycerin, Caprylic/Capric Triglyceride, Caffeine, Cetearyl Alcohol, Niacinamide, Phenoxyethanol";
pub const FACE_OIL: &str = "Rosa Canina Fruit Oil, Tocopherol";
pub const SLEEPING_MASK: &str = "Water, Butylene Glycol, Cyclopentasiloxane, Glycerin, Dimethicone, Trehalose, Sodium Hyaluronate, Phenoxyethanol";
pub const AZELAIC: &str = "Water, Isodecyl Neopentanoate, Dimethicone, Azelaic Acid, Dimethyl Isosorbide, Polysorbate 80, Xanthan Gum, Phenoxyethanol";
pub const LACTIC_SERUM: &str = "Aqua, Lactic Acid, Glycereth-26, Sodium Hydroxide, Sodium Hyaluronate, Xanthan Gum, Phenoxyethanol";
pub const MINERAL_SUNSCREEN: &str = "Water, Zinc Oxide, Caprylic/Capric Triglyceride, Glycerin, Cetearyl Alcohol, Dimethicone, Phenoxyethanol";

// Products for the planner's safety scenarios: the kinds of label a person's shelf really has.
pub const BPO_WASH: &str = "Benzoyl Peroxide 4%, Water, Sodium Cocoyl Isethionate, Glycerin, Cocamidopropyl Betaine, Carbomer, Sodium Hydroxide, Disodium EDTA";
pub const FOAMING_CLEANSER: &str = "Water, Glycerin, Sodium Laureth Sulfate, Cocamidopropyl Betaine, Sodium Chloride, Citric Acid, Sodium Benzoate";
pub const FRAGRANT_GEL_CREAM: &str = "Water, Dimethicone, Glycerin, Alcohol Denat., Butylene Glycol, Parfum, Carbomer, Phenoxyethanol, Limonene, Linalool";
pub const ALCOHOL_SUNSCREEN: &str = "Water, Alcohol Denat., Homosalate, Octocrylene, Butyl Methoxydibenzoylmethane, Ethylhexyl Salicylate, Glycerin, Silica, Parfum";
pub const SECOND_SHEET_MASK: &str = "Water, Glycerin, Niacinamide, Butylene Glycol, Centella Asiatica Extract, Sodium Hyaluronate, Carbomer, Arginine, Phenoxyethanol";
pub const GLYCOLIC_SERUM: &str = "Water, Glycolic Acid, Sodium Hydroxide, Glycerin, Aloe Barbadensis Leaf Juice, Xanthan Gum, Phenoxyethanol";
