//! Writes the prepared image of a photo, for looking at: `prep IN OUT.png`.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("photo readable");
    let p = glasskin_ocr::prepare(&bytes).expect("photo prepared");
    println!(
        "skew {} scale {} inverted {}",
        p.skew_deg, p.scale, p.inverted
    );
    p.image.save(&args[2]).expect("written");
}
