//! Product expiry: period-after-opening labels and best-before dates.
