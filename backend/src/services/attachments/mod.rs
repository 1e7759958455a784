//! Attachments (档案材料): one store for the files of every record type, hung on a household, a
//! project or a problem; read by whoever reads that record (personal documents only with the
//! right to personal data, every such read audited), and the evidence pack (dossier) of a record:
//! its fields, its history and its files in one zip.

pub mod dossier;
pub mod files;
pub mod pack;
pub mod records;
pub mod store;

pub use store::AttachmentStore;
