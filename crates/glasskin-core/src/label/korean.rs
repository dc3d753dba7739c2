//! The furniture of a Korean label's back panel: the 전성분 heading ("[전성분]", "전성분 :",
//! "화장품법에 따라 기재해야 하는 모든 성분"), the lines around the list (제조번호, 사용기한, 용량,
//! 제조업자 …), key-ingredient and free-from headings (주요성분, 무첨가), and ※ footnotes. The
//! heading is rewritten as "Ingredients:", so the list is read as any list is; the rest is taken
//! out and said to be dropped.

use super::drug_facts::Rewrite;
use crate::key::{has_hangul, is_hangul};

/// What a heading before "성분" says the text under it is.
const NOT_THE_LIST: &[&str] = &[
    "주요",
    "핵심",
    "대표",
    "포인트",
    "메인",
    "특허",
    "추가",
    "무첨가",
    "배제",
    "무",
    "유해",
];

/// Lines of the panel that are not the list, by their first word.
const FURNITURE: &[&str] = &[
    "제조번호",
    "제조일자",
    "제조일",
    "사용기한",
    "사용기간",
    "유통기한",
    "개봉 후",
    "개봉후",
    "용량",
    "내용량",
    "내용물의 용량",
    "내용물 용량",
    "중량",
    "용량 및 중량",
    "제품명",
    "제품 주요 사양",
    "제품주요사양",
    "기능성 화장품",
    "기능성화장품",
    "제품 유형",
    "제품유형",
    "화장품책임판매업자",
    "화장품제조업자",
    "책임판매업자",
    "제조업자",
    "제조판매업자",
    "제조원",
    "판매원",
    "판매업자",
    "수입원",
    "수입판매원",
    "수입자",
    "제조국",
    "원산지",
    "소비자상담",
    "소비자 상담",
    "고객상담",
    "고객센터",
    "주의사항",
    "사용할 때의 주의사항",
    "사용할때의 주의사항",
    "사용할 때 주의사항",
    "사용 시의 주의사항",
    "사용시의 주의사항",
    "사용 시 주의사항",
    "사용시 주의사항",
    "사용방법",
    "사용 방법",
    "사용법",
    "보관방법",
    "보관 방법",
    "효능",
    "효과",
    "기능성",
    "피부타입",
    "피부 타입",
    "품질보증기준",
    "식품의약품안전처",
    "본 제품은",
    "이 제품은",
];

/// The rewrites that turn a Korean panel in `text` into its list, in order; none when the text
/// has no Hangul.
pub fn rewrite_korean(text: &str) -> Vec<Rewrite> {
    if !has_hangul(text) {
        return Vec::new();
    }
    let mut rewrites = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches('\n').len();
        rewrite_line(text, start, end, &mut rewrites);
        start += line.len();
    }
    rewrites.sort_by_key(|r| r.span.start);
    rewrites
}

/// The rewrites of the line `text[start..end]`.
fn rewrite_line(text: &str, start: usize, end: usize, out: &mut Vec<Rewrite>) {
    let line = &text[start..end];
    // A footnote runs from its mark to the line's end.
    let footnote = line.find('※');
    let body_end = footnote.map_or(end, |at| start + at);
    if let Some(at) = footnote {
        out_of_list(out, start + at..end);
    }
    let body = &text[start..body_end];
    let lead = body.len() - body.trim_start_matches(is_lead).len();
    // The heading, at the line's start or after what a product page puts before it on the same
    // line ("제품명: 어성초 토너 용량: 250ml 전성분: 정제수, …").
    let heading = word_starts(body, lead).find_map(|at| {
        let len = heading_len(&body[at..])?;
        (at == lead || is_list_heading(&body[at..at + len])).then_some((at, len))
    });
    let mut list_start = lead;
    if let Some((at, len)) = heading {
        if !is_list_heading(&body[at..at + len]) {
            // "주요성분: 병풀, 녹차", "무첨가 성분 - 파라벤": what the maker highlights or leaves
            // out, not the list.
            out_of_list(out, start..body_end);
            return;
        }
        // What a page put before the heading is not the list; a bracket or bullet before it
        // is the heading's own.
        let from = if at == lead { start } else { start + at };
        out_of_list(out, start..from);
        out.push(Rewrite {
            span: from..start + at + len,
            with: "Ingredients:".to_owned(),
        });
        list_start = at + len;
    } else if FURNITURE.iter().any(|f| starts_word(&body[lead..], f)) {
        out_of_list(out, start..body_end);
        return;
    }
    // "…, 향료 사용기한: 제조일로부터 36개월": a footer run onto the list's line.
    if let Some(at) = word_starts(body, list_start).find(|&at| {
        let rest = &body[at..];
        FURNITURE
            .iter()
            .any(|f| starts_word(rest, f) && rest[f.len()..].trim_start().starts_with(':'))
    }) {
        out_of_list(out, start + at..body_end);
    }
}

/// Where words start in `body` from `from`: there, and after each space, comma or bracket.
fn word_starts(body: &str, from: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::once(from).chain(
        body[from..]
            .char_indices()
            .filter(|&(_, c)| matches!(c, ' ' | ',' | '[' | '(' | '<'))
            .map(move |(i, c)| from + i + c.len_utf8())
            .filter(move |&at| at < body.len() && !body[at..].starts_with([' ', ','])),
    )
}

/// Takes `span` out of the list: its text is reported as dropped.
fn out_of_list(out: &mut Vec<Rewrite>, span: std::ops::Range<usize>) {
    if !span.is_empty() {
        out.push(Rewrite {
            span,
            with: String::new(),
        });
    }
}

/// A bullet, bracket or space before a heading's words.
fn is_lead(c: char) -> bool {
    matches!(
        c,
        ' ' | '[' | '(' | '<' | '「' | '『' | '《' | '〈' | '▶' | '◆' | '★' | '*' | '-' | ','
    )
}

/// The length of the heading that opens `words`: words ending in 성분 (or 성분명, 성분표) with its
/// closing bracket and colon, when a colon, a closing bracket or the line's end follows.
fn heading_len(words: &str) -> Option<usize> {
    let at = words.find("성분")?;
    // "화장품법에 따라 기재해야 하는 모든 성분" is the longest heading labels print.
    if at > 90 || words[..at].contains([',', ':']) {
        return None;
    }
    let mut end = at + "성분".len();
    for suffix in ["명", "표"] {
        if words[end..].starts_with(suffix) {
            end += suffix.len();
        }
    }
    // "(INGREDIENTS)" after the Korean heading belongs to it.
    let rest = &words[end..];
    let rest_trimmed = rest.trim_start();
    if let Some(inner) = rest_trimmed.strip_prefix('(')
        && let Some(close) = inner.find(')')
        && inner[..close].trim().eq_ignore_ascii_case("ingredients")
    {
        end += rest.len() - inner.len() + close + 1;
    }
    let rest = &words[end..];
    let closed = rest.trim_start_matches([' ', ']', ')', '>', '」', '』', '》', '〉']);
    let closed_len = rest.len() - closed.len();
    let has_bracket = rest[..closed_len].trim() != "";
    let after = closed.trim_start();
    let colon = after.starts_with([':', '-']);
    let ends_line = after.is_empty();
    // "전성분 정제수, …", "화장품법에 따라 기재해야 하는 모든 성분 정제수, …" (a shop's table
    // row, its tab now a space): the full list's heading with the list after a space.
    let named = words[..at].trim_end();
    let full_list = named.is_empty() || ["전", "모든", "전체"].iter().any(|w| named.ends_with(w));
    let spaced = full_list
        && rest.starts_with(' ')
        && after.starts_with(|c: char| is_hangul(c) || c.is_ascii_alphanumeric());
    if !(colon || ends_line || has_bracket || spaced) {
        return None;
    }
    let mut len = end + closed_len;
    if colon {
        len += closed.len() - after.len() + 1;
    }
    Some(len)
}

/// Whether a heading introduces the full list, not key ingredients or what is left out.
fn is_list_heading(heading: &str) -> bool {
    let before = heading[..heading.find("성분").unwrap_or(0)].trim();
    !NOT_THE_LIST.iter().any(|w| before.starts_with(w))
        && !before.contains("무첨가")
        && !before.contains("프리")
}

/// Whether `text` starts with the word `word`, a space, colon or bracket after it.
fn starts_word(text: &str, word: &str) -> bool {
    text.strip_prefix(word).is_some_and(|rest| {
        // "제조번호·사용기한:": the middle dot is a comma by now.
        rest.is_empty() || rest.starts_with([' ', ':', ']', ')', '>', '/', '(', '-', ','])
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text with the rewrites applied.
    fn applied(text: &str) -> String {
        let mut out = String::new();
        let mut at = 0;
        for r in rewrite_korean(text) {
            out.push_str(&text[at..r.span.start]);
            out.push_str(&r.with);
            at = r.span.end;
        }
        out.push_str(&text[at..]);
        out
    }

    #[test]
    fn headings_become_the_list_heading() {
        for (text, want) in [
            (
                "[전성분]\n정제수, 글리세린",
                "Ingredients:\n정제수, 글리세린",
            ),
            ("[전성분] 정제수, 글리세린", "Ingredients:정제수, 글리세린"),
            ("전성분: 정제수, 글리세린", "Ingredients: 정제수, 글리세린"),
            ("전성분 : 정제수", "Ingredients: 정제수"),
            ("성분\n정제수", "Ingredients:\n정제수"),
            ("전성분명(INGREDIENTS): 정제수", "Ingredients: 정제수"),
            (
                "화장품법에 따라 기재해야 하는 모든 성분\n정제수",
                "Ingredients:\n정제수",
            ),
            // A shop's table row, its tab now a space.
            (
                "화장품법에 따라 기재해야 하는 모든 성분 정제수, 글리세린",
                "Ingredients:정제수, 글리세린",
            ),
            ("전성분 정제수, 글리세린", "Ingredients:정제수, 글리세린"),
        ] {
            assert_eq!(applied(text), want, "{text}");
        }
    }

    #[test]
    fn furniture_footnotes_and_key_ingredients_are_taken_out() {
        let text = "주요성분: 병풀추출물, 녹차추출물\n전성분: 정제수, 글리세린 ※ 이 제품은 동물실험을 하지 않았습니다\n제조번호: 별도표기\n사용기한 : 제조일로부터 36개월\n용량 50ml";
        assert_eq!(applied(text), "\nIngredients: 정제수, 글리세린 \n\n\n");
    }

    #[test]
    fn a_page_that_runs_the_panel_onto_one_line_keeps_its_list() {
        assert_eq!(
            applied(
                "제품명: 어성초 토너 용량: 250ml 전성분: 정제수, 글리세린, 향료 사용기한: 제조일로부터 36개월"
            ),
            "Ingredients: 정제수, 글리세린, 향료 "
        );
        assert_eq!(
            applied("[전성분] 정제수, 글리세린, 향료\n제조번호,사용기한: 별도표기"),
            "Ingredients:정제수, 글리세린, 향료\n"
        );
    }

    #[test]
    fn a_list_is_left_as_it_is() {
        for text in [
            "정제수, 글리세린, 부틸렌글라이콜",
            "정제수, 소듐하이알루로네이트, 하이드롤라이즈드하이알루로닉애씨드",
            "Water, Glycerin",
            // "성분" inside a list item's name is no heading.
            "정제수, 글리세린, 성분추출물, 향료",
        ] {
            assert_eq!(applied(text), text, "{text}");
        }
    }
}
