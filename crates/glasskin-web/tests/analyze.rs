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
    // Long names wrap at phone width rather than widen the page.
    let (_, css) = app.get("/static/app.css");
    assert!(css.contains(".ingredients td { overflow-wrap: anywhere; }"));
}
