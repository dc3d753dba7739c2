//! Insights over the diary and lifestyle log: honest, non-causal, with uncertainty.
