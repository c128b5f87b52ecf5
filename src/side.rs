//! One side of the body: what a routine's step, a pose's mirror, a phase and the history
//! all speak of. Below every module that uses it, so none of them has to import another
//! for it.

/// One side of the body; the history writes it as `left` or `right`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    Left,
    Right,
}

impl Side {
    pub(crate) fn label(self) -> &'static str {
        match self {
            Self::Left => "left",
            Self::Right => "right",
        }
    }
}
