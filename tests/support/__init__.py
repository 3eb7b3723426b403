"""Test support: fakes for what cannot run here, and builders for real parts."""
