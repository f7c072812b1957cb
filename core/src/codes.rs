//! Enums that travel as stable snake_case codes: in records, on the CLI, in JSON and over FFI.

/// Declares an enum whose variants have a stable snake_case code, with `as_str`, `FromStr`
/// (unknown code → `InvalidInput` naming the field, never the value) and serde as that code.
/// `$field_id` is the message that names the field in that refusal.
macro_rules! code_enum {
    ($(#[$meta:meta])* $name:ident, $field_id:literal { $($(#[$vmeta:meta])* $variant:ident => $code:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
        pub enum $name { $($(#[$vmeta])* $variant,)* }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The stable snake_case code used in storage, the CLI, imports and message ids.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $code,)* }
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::error::Error;
            fn from_str(s: &str) -> crate::error::Result<Self> {
                let wanted = s.trim().to_ascii_lowercase().replace('-', "_");
                $name::ALL.iter().copied().find(|v| v.as_str() == wanted).ok_or_else(|| {
                    crate::error::Error::unknown_code($field_id, $name::ALL.iter().map(|v| v.as_str()))
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        // Stored records hold exactly what `serialize` wrote: no leniency when reading them back.
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                let code = String::deserialize(d)?;
                $name::ALL.iter().copied().find(|v| v.as_str() == code).ok_or_else(|| {
                    serde::de::Error::custom(concat!("unknown ", stringify!($name), " code"))
                })
            }
        }
    };
}

pub(crate) use code_enum;
