//! Reads photos and prints each one's words with their confidence: `read [--kor] PHOTO…`
//! (`--kor` reads in Korean straight away, as `Scanner::languages("kor")`).
fn main() {
    let mut scanner = glasskin_ocr::Scanner::from_env();
    for arg in std::env::args().skip(1) {
        if arg == "--kor" {
            scanner = scanner.languages("kor");
            continue;
        }
        let bytes = std::fs::read(&arg).expect("photo readable");
        let page = scanner.read(&bytes).expect("photo read");
        let words: Vec<String> = page
            .words
            .iter()
            .map(|w| format!("{}/{:.0}", w.text, w.confidence))
            .collect();
        println!(
            "{arg}: mean {:.0}, inverted {}, turned {}: {}",
            page.mean_confidence(),
            page.inverted,
            page.turned_deg,
            words.join(" ")
        );
    }
}
