use super::pao_label::{PaoError, parse_pao};
use super::*;
use jiff::civil::date;
use proptest::prelude::*;

fn months(text: &str) -> u16 {
    parse_pao(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
}

#[test]
fn reads_every_printed_and_typed_form() {
    let cases = [
        ("12M", 12),
        ("12 M", 12),
        ("12m", 12),
        ("12 months", 12),
        ("1 month", 1),
        ("12 month", 12),
        ("12months", 12),
        ("6 mois", 6),
        ("24 mesi", 24),
        ("12 Monate", 12),
        ("12 meses", 12),
        ("18 maanden", 18),
        ("12 mån", 12),
        ("12 MÅN", 12),
        ("6 måneder", 6),
        ("12 miesięcy", 12),
        ("⌓ 12M", 12),
        ("⌓12M", 12),
        ("🫙 12M", 12),
        ("◔ 6M", 6),
        ("(12M)", 12),
        ("PAO: 12M", 12),
        ("pao 24 months", 24),
        ("  \t12M \n", 12),
        ("\u{a0}12\u{a0}M\u{a0}", 12),
        ("12 m.", 12),
        ("１２Ｍ", 12),
        ("12", 12),
        ("012M", 12),
        ("1M", 1),
        ("120M", 120),
    ];
    for (text, expected) in cases {
        assert_eq!(months(text), expected, "{text:?}");
    }
}

#[test]
fn decomposed_unit_is_folded() {
    // "mån" with a combining ring above, as some keyboards type it.
    assert_eq!(months("12 ma\u{30a}n"), 12);
}

#[test]
fn rejects_bad_labels_with_clear_errors() {
    let quoted = |s: &str| s.to_owned();
    assert_eq!(parse_pao(""), Err(PaoError::Empty));
    assert_eq!(parse_pao("   "), Err(PaoError::Empty));
    assert_eq!(parse_pao("0M"), Err(PaoError::Zero { text: quoted("0M") }));
    assert_eq!(
        parse_pao("000 months"),
        Err(PaoError::Zero {
            text: quoted("000 months")
        })
    );
    assert_eq!(
        parse_pao("121M"),
        Err(PaoError::TooLong {
            text: quoted("121M")
        })
    );
    assert_eq!(
        parse_pao("99999999999999999999M"),
        Err(PaoError::TooLong {
            text: quoted("99999999999999999999M")
        })
    );
    assert_eq!(
        parse_pao("-12M"),
        Err(PaoError::Negative {
            text: quoted("-12M")
        })
    );
    assert_eq!(
        parse_pao("⌓ − 6M"),
        Err(PaoError::Negative {
            text: quoted("⌓ − 6M")
        })
    );
    assert_eq!(
        parse_pao("M"),
        Err(PaoError::MissingNumber { text: quoted("M") })
    );
    assert_eq!(
        parse_pao("⌓"),
        Err(PaoError::MissingNumber {
            text: quoted("⌓")
        })
    );
    assert_eq!(
        parse_pao("months"),
        Err(PaoError::MissingNumber {
            text: quoted("months")
        })
    );
    assert_eq!(
        parse_pao("-M"),
        Err(PaoError::MissingNumber { text: quoted("-M") })
    );
    assert_eq!(
        parse_pao("1.5M"),
        Err(PaoError::NotWhole {
            text: quoted("1.5M")
        })
    );
    assert_eq!(
        parse_pao("12,5 mois"),
        Err(PaoError::NotWhole {
            text: quoted("12,5 mois")
        })
    );
    assert_eq!(
        parse_pao(" 12 weeks "),
        Err(PaoError::UnknownUnit {
            text: quoted("12 weeks"),
            unit: quoted("weeks")
        })
    );
    assert_eq!(
        parse_pao("2Y"),
        Err(PaoError::UnknownUnit {
            text: quoted("2Y"),
            unit: quoted("Y")
        })
    );
    assert_eq!(
        parse_pao("12 %"),
        Err(PaoError::UnknownUnit {
            text: quoted("12 %"),
            unit: quoted("%")
        })
    );
}

#[test]
fn error_messages_read_well() {
    let message = |text: &str| parse_pao(text).expect_err("should fail").to_string();
    assert_eq!(
        message("12 weeks"),
        "PAO `12 weeks`: unit `weeks` is not months; write it like 12M"
    );
    assert_eq!(message(""), "PAO is empty; write it like 12M");
    assert_eq!(
        message("0M"),
        "PAO `0M`: zero months is not a period after opening; write it like 12M"
    );
    assert_eq!(
        message("200M"),
        "PAO `200M`: more than 120 months (10 years); check the label"
    );
    assert_eq!(
        message("-6M"),
        "PAO `-6M`: months cannot be negative; write it like 12M"
    );
    assert_eq!(
        message("M"),
        "PAO `M`: expected a number of months first; write it like 12M"
    );
    assert_eq!(
        message("1.5M"),
        "PAO `1.5M`: months must be a whole number; write it like 12M"
    );
}

#[test]
fn month_end_is_clamped() {
    let e = expiry(Some(date(2023, 1, 31)), Some(1), None);
    assert_eq!(e.date, Some(date(2023, 2, 28)));
    let e = expiry(Some(date(2023, 3, 31)), Some(6), None);
    assert_eq!(e.date, Some(date(2023, 9, 30)));
    let e = expiry(Some(date(2023, 8, 31)), Some(12), None);
    assert_eq!(e.date, Some(date(2024, 8, 31)));
}

#[test]
fn leap_years() {
    assert_eq!(
        expiry(Some(date(2024, 1, 31)), Some(1), None).date,
        Some(date(2024, 2, 29))
    );
    // Opened on a leap day: a year later there is no 29 February.
    assert_eq!(
        expiry(Some(date(2024, 2, 29)), Some(12), None).date,
        Some(date(2025, 2, 28))
    );
    assert_eq!(
        expiry(Some(date(2024, 2, 29)), Some(48), None).date,
        Some(date(2028, 2, 29))
    );
    // 1900 was not a leap year, 2000 was.
    assert_eq!(
        expiry(Some(date(1900, 1, 31)), Some(1), None).date,
        Some(date(1900, 2, 28))
    );
    assert_eq!(
        expiry(Some(date(2000, 1, 31)), Some(1), None).date,
        Some(date(2000, 2, 29))
    );
}

#[test]
fn earlier_of_opened_and_best_before() {
    let opened = Some(date(2024, 3, 1));
    let e = expiry(opened, Some(12), Some(date(2026, 1, 1)));
    assert_eq!(
        e,
        Expiry {
            date: Some(date(2025, 3, 1)),
            basis: Basis::OpenedEarlier
        }
    );
    let e = expiry(opened, Some(12), Some(date(2024, 12, 1)));
    assert_eq!(
        e,
        Expiry {
            date: Some(date(2024, 12, 1)),
            basis: Basis::BestBeforeEarlier
        }
    );
    let e = expiry(opened, Some(12), Some(date(2025, 3, 1)));
    assert_eq!(
        e,
        Expiry {
            date: Some(date(2025, 3, 1)),
            basis: Basis::OpenedEarlier
        }
    );
    let e = expiry(opened, Some(12), None);
    assert_eq!(
        e,
        Expiry {
            date: Some(date(2025, 3, 1)),
            basis: Basis::Opened
        }
    );
}

#[test]
fn unknown_pao_is_not_invented() {
    let bb = Some(date(2025, 6, 1));
    let opened = Some(date(2024, 3, 1));
    assert_eq!(
        expiry(opened, None, None),
        Expiry {
            date: None,
            basis: Basis::PaoUnknown
        }
    );
    assert_eq!(
        expiry(opened, Some(0), None),
        Expiry {
            date: None,
            basis: Basis::PaoUnknown
        }
    );
    assert_eq!(
        expiry(opened, None, bb),
        Expiry {
            date: bb,
            basis: Basis::BestBefore
        }
    );
    assert_eq!(
        expiry(None, Some(12), bb),
        Expiry {
            date: bb,
            basis: Basis::BestBefore
        }
    );
    assert_eq!(
        expiry(None, Some(12), None),
        Expiry {
            date: None,
            basis: Basis::NotOpened
        }
    );
    assert_eq!(
        expiry(None, None, None),
        Expiry {
            date: None,
            basis: Basis::NotOpened
        }
    );
}

#[test]
fn far_future_saturates() {
    let e = expiry(Some(date(9999, 6, 1)), Some(u16::MAX), None);
    assert_eq!(e.date, Some(Date::MAX));
}

#[test]
fn thirty_day_boundary() {
    let e = Expiry {
        date: Some(date(2025, 3, 31)),
        basis: Basis::Opened,
    };
    assert_eq!(
        status(&e, date(2025, 2, 28)),
        Status::Fine { days_left: 31 }
    );
    assert_eq!(
        status(&e, date(2025, 3, 1)),
        Status::ExpiringSoon { days_left: 30 }
    );
    assert_eq!(
        status(&e, date(2025, 3, 30)),
        Status::ExpiringSoon { days_left: 1 }
    );
    assert_eq!(
        status(&e, date(2025, 3, 31)),
        Status::ExpiringSoon { days_left: 0 }
    );
    assert_eq!(
        status(&e, date(2025, 4, 1)),
        Status::Expired { days_ago: 1 }
    );
    assert_eq!(
        status(&e, date(2026, 3, 31)),
        Status::Expired { days_ago: 365 }
    );
    let unknown = Expiry {
        date: None,
        basis: Basis::PaoUnknown,
    };
    assert_eq!(status(&unknown, date(2025, 3, 31)), Status::Unknown);
}

#[test]
fn basis_reads_as_a_reason() {
    assert_eq!(
        Basis::BestBeforeEarlier.to_string(),
        "best-before date, which comes before opened date plus period after opening"
    );
}

#[test]
fn serializes_with_snake_case_tags() {
    let e = expiry(Some(date(2024, 1, 31)), Some(1), Some(date(2025, 1, 1)));
    assert_eq!(
        json::to_string(&e),
        r#"{"date":"2024-02-29","basis":"opened_earlier"}"#
    );
    let none = expiry(Some(date(2024, 1, 31)), None, None);
    assert_eq!(
        json::to_string(&none),
        r#"{"date":null,"basis":"pao_unknown"}"#
    );
    assert_eq!(
        json::to_string(&Status::ExpiringSoon { days_left: 3 }),
        r#"{"kind":"expiring_soon","days_left":3}"#
    );
    assert_eq!(
        json::to_string(&Status::Expired { days_ago: 2 }),
        r#"{"kind":"expired","days_ago":2}"#
    );
    assert_eq!(json::to_string(&Status::Unknown), r#"{"kind":"unknown"}"#);
    let err = parse_pao("12 weeks").expect_err("weeks");
    assert_eq!(
        json::to_string(&err),
        r#"{"kind":"unknown_unit","text":"12 weeks","unit":"weeks"}"#
    );
}

/// Just enough of a JSON writer to pin the serde shapes here (serde_json is not a
/// dependency of the core): strings, null, integers, unit variants and structs.
mod json {
    use serde::Serialize;
    use serde::ser::{self, Impossible, SerializeStruct};
    use std::fmt::{self, Write};

    pub fn to_string<T: Serialize>(value: &T) -> String {
        let mut out = String::new();
        value.serialize(Writer(&mut out)).expect("supported shape");
        out
    }

    #[derive(Debug)]
    pub struct Error(String);

    impl fmt::Display for Error {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl std::error::Error for Error {}

    impl ser::Error for Error {
        fn custom<T: fmt::Display>(msg: T) -> Self {
            Error(msg.to_string())
        }
    }

    struct Writer<'a>(&'a mut String);

    fn unsupported<T>(what: &str) -> Result<T, Error> {
        Err(Error(format!("unsupported in the test writer: {what}")))
    }

    macro_rules! unsupported {
        ($($method:ident($ty:ty);)*) => {$(
            fn $method(self, _: $ty) -> Result<(), Error> {
                unsupported(stringify!($method))
            }
        )*};
    }

    impl<'a> ser::Serializer for Writer<'a> {
        type Ok = ();
        type Error = Error;
        type SerializeSeq = Impossible<(), Error>;
        type SerializeTuple = Impossible<(), Error>;
        type SerializeTupleStruct = Impossible<(), Error>;
        type SerializeTupleVariant = Impossible<(), Error>;
        type SerializeMap = Impossible<(), Error>;
        type SerializeStruct = Fields<'a>;
        type SerializeStructVariant = Impossible<(), Error>;

        unsupported! {
            serialize_bool(bool);
            serialize_i8(i8);
            serialize_i16(i16);
            serialize_i32(i32);
            serialize_u8(u8);
            serialize_u16(u16);
            serialize_u32(u32);
            serialize_u64(u64);
            serialize_f32(f32);
            serialize_f64(f64);
            serialize_char(char);
            serialize_bytes(&[u8]);
            serialize_unit_struct(&'static str);
        }

        fn serialize_i64(self, v: i64) -> Result<(), Error> {
            write!(self.0, "{v}").map_err(ser::Error::custom)
        }

        fn serialize_str(self, v: &str) -> Result<(), Error> {
            write!(
                self.0,
                "\"{}\"",
                v.replace('\\', "\\\\").replace('"', "\\\"")
            )
            .map_err(ser::Error::custom)
        }

        fn serialize_none(self) -> Result<(), Error> {
            self.0.push_str("null");
            Ok(())
        }

        fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
            value.serialize(self)
        }

        fn serialize_unit(self) -> Result<(), Error> {
            self.serialize_none()
        }

        fn serialize_unit_variant(
            self,
            _: &'static str,
            _: u32,
            variant: &'static str,
        ) -> Result<(), Error> {
            self.serialize_str(variant)
        }

        fn serialize_newtype_struct<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: &T,
        ) -> Result<(), Error> {
            unsupported("newtype struct")
        }

        fn serialize_newtype_variant<T: Serialize + ?Sized>(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: &T,
        ) -> Result<(), Error> {
            unsupported("newtype variant")
        }

        fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
            unsupported("seq")
        }

        fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
            unsupported("tuple")
        }

        fn serialize_tuple_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleStruct, Error> {
            unsupported("tuple struct")
        }

        fn serialize_tuple_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeTupleVariant, Error> {
            unsupported("tuple variant")
        }

        fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
            unsupported("map")
        }

        fn serialize_struct(
            self,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStruct, Error> {
            self.0.push('{');
            Ok(Fields {
                out: self.0,
                first: true,
            })
        }

        fn serialize_struct_variant(
            self,
            _: &'static str,
            _: u32,
            _: &'static str,
            _: usize,
        ) -> Result<Self::SerializeStructVariant, Error> {
            unsupported("struct variant")
        }
    }

    struct Fields<'a> {
        out: &'a mut String,
        first: bool,
    }

    impl SerializeStruct for Fields<'_> {
        type Ok = ();
        type Error = Error;

        fn serialize_field<T: Serialize + ?Sized>(
            &mut self,
            key: &'static str,
            value: &T,
        ) -> Result<(), Error> {
            if !self.first {
                self.out.push(',');
            }
            self.first = false;
            write!(self.out, "\"{key}\":").map_err(ser::Error::custom)?;
            value.serialize(Writer(self.out))
        }

        fn end(self) -> Result<(), Error> {
            self.out.push('}');
            Ok(())
        }
    }
}

proptest! {
    #[test]
    fn parse_pao_never_panics(text in any::<String>()) {
        let _ = parse_pao(&text);
    }

    #[test]
    fn parse_pao_near_misses_never_panic(
        text in "[ ⌓🫙(PAOpao:−-]{0,4}[0-9]{0,25}[.,]?[0-9]{0,2}[ ]{0,2}[a-zA-ZåÅäëęěсяц.)]{0,9}",
    ) {
        if let Ok(months) = parse_pao(&text) {
            prop_assert!((1..=MAX_PAO_MONTHS).contains(&months));
        }
    }
}
