//! Writes the prepared image of a photo, for looking at: `prep IN OUT.png [TARGET SMOOTHING
//! [GREY.png]]`, with the letters scaled to TARGET pixels and smoothed over SMOOTHING (as
//! Hangul is prepared: 38 0), and the grey image before its threshold.
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("photo readable");
    let p = match (args.get(3), args.get(4)) {
        (Some(target), Some(smoothing)) => {
            let gray = glasskin_ocr::decode(&bytes).expect("photo decoded");
            let target = target.parse().expect("TARGET is a number");
            let smoothing = smoothing.parse().expect("SMOOTHING is a whole number");
            glasskin_ocr::prepare_gray_at(&gray, target, smoothing)
        }
        _ => glasskin_ocr::prepare(&bytes).expect("photo prepared"),
    };
    println!(
        "skew {} scale {} inverted {}",
        p.skew_deg, p.scale, p.inverted
    );
    p.image.save(&args[2]).expect("written");
    if let Some(grey) = args.get(5) {
        p.gray.save(grey).expect("written");
    }
}
