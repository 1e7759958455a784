//! Education poverty alleviation (教育扶贫): aid paid to members at school (学生资助, 雨露计划)
//! entered by clerks or imported from the education bureau's spreadsheet, the district's
//! yearly living supplement, the figures by stage, school place and programme, the 控辍保学
//! list of school-age children without a school record, and the exit checklist's school item.

pub mod benefits;
pub mod figures;
pub mod import;
pub mod settings;
pub mod student_aid;

pub use figures::{figures, out_of_school, school_evidence};
pub use settings::{set_year_setting, year_setting};
pub use student_aid::{create, delete, list};
