//! The Analyze page says what the CLI says: the app's words for actives and their strength,
//! what the product carries, and each ingredient's flags.

use crate::support::App;

#[test]
fn analyze_page_shows_actives_benefits_and_flags() {
    let app = App::start("analyze-notes");
    let origin = format!("http://{}", app.addr);
    let (status, html) = app.form(
        "/analyze",
        "name=Serum&text=Water%2C+Niacinamide+5%25%2C+Camellia+Sinensis+Leaf+Extract%2C+Tocopherol%2C+Linalool%2C+Phenoxyethanol",
        Some(&origin),
    );
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("<h3>Actives</h3>"), "{html}");
    assert!(html.contains("NIACINAMIDE (niacinamide, 5%)"), "{html}");
    assert!(html.contains("<h3>What it carries</h3>"), "{html}");
    assert!(html.contains("Antioxidants ("), "{html}");
    // Each row's flags, in the app's words.
    assert!(html.contains("<li>5% on label</li>"), "{html}");
    assert!(html.contains("<li>EU fragrance allergen</li>"), "{html}");
    assert!(html.contains("EU fragrance allergens: LINALOOL"), "{html}");
    // Each row leads with the name as the person pasted it, and gives the INCI name when it
    // is more than the same words in capitals.
    assert!(
        html.contains("<span class=\"inci\">Camellia Sinensis Leaf Extract</span>"),
        "{html}"
    );
    assert!(
        !html.contains("INCI: CAMELLIA SINENSIS LEAF EXTRACT"),
        "{html}"
    );
    assert!(
        html.contains("<span class=\"inci\">Niacinamide 5%</span>"),
        "{html}"
    );
    assert!(html.contains("INCI: NIACINAMIDE<"), "{html}");
    // Long names wrap at phone width rather than widen the page (measured in a real browser
    // by crates/glasskin/tests/integration/browser.rs).
    let (_, css) = app.get("/static/app.css");
    assert!(css.contains(".ingredients td { overflow-wrap: break-word; }"));
}

/// A free-from note is checked, never listed: the page says which claims the list bears out
/// and which it contradicts, and a page's highlight gives the product its filter.
#[test]
fn analyze_page_checks_free_from_claims_and_reads_highlights() {
    let app = App::start("analyze-claims");
    let origin = format!("http://{}", app.addr);
    let text = "-Zinc Oxide 12%: Mineral sun protection. Water, Glycerin, Methylparaben, Linalool. \
                Formulated without: parabens, fragrance and hydroquinone.";
    let body = format!("name=Daily+Cream+SPF+30&text={}", url_encode(text));
    let (status, html) = app.form("/analyze", &body, Some(&origin));
    assert_eq!(status, 200, "{html}");
    assert!(
        !html.contains("<span class=\"inci\">Hydroquinone"),
        "{html}"
    );
    assert!(
        html.contains("The label says free of HYDROQUINONE: none in the list"),
        "{html}"
    );
    assert!(
        html.contains("The label says paraben-free, but the list has METHYLPARABEN"),
        "{html}"
    );
    assert!(
        html.contains("The label says fragrance-free, but the list has LINALOOL"),
        "{html}"
    );
    assert!(
        html.contains("ZINC OXIDE read from the page&#39;s highlights"),
        "{html}"
    );
}

/// Percent-encodes a form value.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            b' ' => "+".to_owned(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
