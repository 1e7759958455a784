//! Attachments (档案材料): one store for the files of every record type — photos of posted
//! notices, a household's signed exit acknowledgement, payment vouchers, project
//! announcements, rectification evidence. A file hangs on one record (a household, a project or
//! a problem) and is read by whoever reads that record; personal documents only by roles that
//! read personal data. Which record a type hangs on and whether it is personal live here, so
//! the server and the pages agree.

mod api;
mod wire;

pub use api::{ROUTES, UPLOAD_ROUTES, multipart_body};
pub use wire::*;

use crate::string_enum::string_enum;

string_enum! {
    /// What a file is, and so which record it hangs on ([`RecordType::owner`]).
    RecordType {
        /// A document of the household's file (户档案), e.g. a copy of a certificate.
        Household = "household" ("农户档案材料", "Household document"),
        /// The household's signed acknowledgement of its exit (脱贫户确认书).
        ExitAcknowledgement = "exit_acknowledgement" ("脱贫确认书", "Exit acknowledgement"),
        /// A photo of a posted notice (公示照片) naming the household.
        Notice = "notice" ("公示照片", "Notice photo"),
        /// A voucher of a project's payment (支付凭证).
        PaymentVoucher = "payment_voucher" ("支付凭证", "Payment voucher"),
        /// A project's announcement (项目公告公示).
        Project = "project" ("项目公告", "Project announcement"),
        /// Evidence that a problem was rectified (整改佐证).
        Problem = "problem" ("整改佐证材料", "Rectification evidence"),
    }
}

string_enum! {
    /// What the bytes are: a re-encoded image or a PDF kept as it came.
    AttachmentKind {
        Image = "image" ("图片", "Image"),
        Pdf = "pdf" ("PDF 文件", "PDF"),
    }
}

/// The kind of record files hang on; its id is the attachment's `record_id`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Household,
    Project,
    Problem,
}

impl RecordType {
    /// The record a file of this type hangs on.
    pub fn owner(self) -> Owner {
        match self {
            RecordType::Household | RecordType::ExitAcknowledgement | RecordType::Notice => Owner::Household,
            RecordType::PaymentVoucher | RecordType::Project => Owner::Project,
            RecordType::Problem => Owner::Problem,
        }
    }

    /// Whether files of this type are personal documents: read only by roles that read personal
    /// data, and every read audited.
    pub fn personal(self) -> bool {
        matches!(self, RecordType::Household | RecordType::ExitAcknowledgement)
    }

    /// The types whose files hang on `owner`'s records.
    pub fn of(owner: Owner) -> impl Iterator<Item = RecordType> {
        RecordType::ALL.iter().copied().filter(move |t| t.owner() == owner)
    }
}

impl AttachmentKind {
    /// The content type the file is served with.
    pub fn content_type(self) -> &'static str {
        match self {
            AttachmentKind::Image => "image/jpeg",
            AttachmentKind::Pdf => "application/pdf",
        }
    }

    /// The file name extension of the stored bytes.
    pub fn extension(self) -> &'static str {
        match self {
            AttachmentKind::Image => "jpg",
            AttachmentKind::Pdf => "pdf",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_type_hangs_on_one_owner_and_only_household_papers_are_personal() {
        let households: Vec<_> = RecordType::of(Owner::Household).collect();
        assert_eq!(households, [RecordType::Household, RecordType::ExitAcknowledgement, RecordType::Notice]);
        assert_eq!(RecordType::of(Owner::Problem).collect::<Vec<_>>(), [RecordType::Problem]);
        assert!(RecordType::ExitAcknowledgement.personal());
        assert!(!RecordType::Notice.personal() && !RecordType::Problem.personal());
    }
}
