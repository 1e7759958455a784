//! Jingzhun's black-box tests live in `tests/suite/`: API tests through the typed client
//! against the real server, and browser tests in real headless Chromium. One test binary, so
//! it links once.
