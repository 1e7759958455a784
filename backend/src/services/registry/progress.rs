//! Progress of running spreadsheet imports, kept in this server instance: a leaf that the
//! import writes to and the progress endpoint reads.

use std::collections::HashMap;
use std::sync::Mutex;

use jingzhun_shared::registry::ImportProgress;

/// Progress of running imports by the caller's token, kept in this server instance.
#[derive(Default)]
pub struct ProgressBoard(Mutex<HashMap<String, ImportProgress>>);

impl ProgressBoard {
    pub fn set(&self, token: Option<&str>, phase: &str, processed: u64, total: u64) {
        let Some(token) = token else { return };
        if let Ok(mut map) = self.0.lock() {
            if map.len() > 1_000 {
                map.retain(|_, p| p.phase != "done");
            }
            map.insert(token.to_owned(), ImportProgress { phase: phase.to_owned(), processed, total });
        }
    }

    pub fn get(&self, token: &str) -> Option<ImportProgress> {
        self.0.lock().ok().and_then(|map| map.get(token).cloned())
    }
}
