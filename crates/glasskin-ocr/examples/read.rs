//! Reads photos and prints each one's words with their confidence: `read PHOTO…`.
fn main() {
    let scanner = glasskin_ocr::Scanner::from_env();
    for path in std::env::args().skip(1) {
        let bytes = std::fs::read(&path).expect("photo readable");
        let page = scanner.read(&bytes).expect("photo read");
        let words: Vec<String> = page
            .words
            .iter()
            .map(|w| format!("{}/{:.0}", w.text, w.confidence))
            .collect();
        println!("{path}: {}", words.join(" "));
    }
}
