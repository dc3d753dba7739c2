//! The one way glasskin writes a small closed vocabulary (a skin type, a step, a time of day…):
//! an enum with a stable snake_case id for files, JSON and SQL, and a phrase for people.

/// What every vocabulary has, for code that reads any of them (a parser that names the ids it
/// knows, say).
pub trait Vocabulary: Copy + Sized + 'static {
    /// Every value, in order.
    const ALL: &'static [Self];
    /// The stable snake_case id.
    fn id(self) -> &'static str;
    /// The value with this id.
    fn from_id(id: &str) -> Option<Self>;
}

/// Declares a vocabulary: `Name { Variant = "id", "phrase"; … }`. It gets `ALL`, `id`, `label`,
/// `from_id`, `Display` (the id), and serde as its id, refusing an unknown id with the ids it
/// knows, so every door that reads one refuses the same values. With the declaring crate's
/// `openapi` feature, it is also a `utoipa::ToSchema`: a string, one of the ids.
#[macro_export]
macro_rules! vocabulary {
    ($(#[$meta:meta])* $vis:vis $name:ident { $($variant:ident = $id:literal, $label:literal;)* }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[allow(missing_docs)]
        $vis enum $name { $($variant),* }

        impl $name {
            /// Every value, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];

            /// The stable snake_case id used in files, JSON and SQL.
            pub fn id(self) -> &'static str {
                match self { $($name::$variant => $id),* }
            }

            /// A phrase for people.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),* }
            }

            /// The value with this id.
            pub fn from_id(id: &str) -> Option<$name> {
                match id { $($id => Some($name::$variant),)* _ => None }
            }
        }

        impl $crate::Vocabulary for $name {
            const ALL: &'static [$name] = $name::ALL;

            fn id(self) -> &'static str {
                $name::id(self)
            }

            fn from_id(id: &str) -> Option<$name> {
                $name::from_id(id)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.id())
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> ::std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.id())
            }
        }

        // Its OpenAPI schema: a string, one of the ids. The `openapi` feature is that of the
        // crate that declares the vocabulary (glasskin-core, -store and -app each have one).
        #[cfg(feature = "openapi")]
        impl ::utoipa::PartialSchema for $name {
            fn schema() -> ::utoipa::openapi::RefOr<::utoipa::openapi::schema::Schema> {
                ::utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(::utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($id),*]))
                    .into()
            }
        }

        #[cfg(feature = "openapi")]
        impl ::utoipa::ToSchema for $name {
            fn name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> ::std::result::Result<Self, D::Error> {
                let id = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $name::from_id(&id)
                    .ok_or_else(|| ::serde::de::Error::unknown_variant(&id, &[$($id),*]))
            }
        }
    };
}
