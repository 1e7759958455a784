//! Browser tests (real headless Chromium).
