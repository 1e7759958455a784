//! Education's routes: student aid, its import, the year's supplement, figures and the
//! 控辍保学 list.

use super::{
    EducationFigures, EducationYearSettingDto, EducationYearSettingInput, OutOfSchoolChild, OutOfSchoolQuery,
    SchoolEvidence, SchoolEvidenceQuery, StudentAidDto, StudentAidInput, StudentAidQuery,
};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;
use crate::registry::{ImportQuery, RecordImportReport};
use crate::{HouseholdId, StudentAidId};

api! {
    GET "/api/v1/student-aid" => student_aid() query(StudentAidQuery) -> Page<StudentAidDto>;
    /// The district supplement's amount is the year's setting, never sent.
    POST "/api/v1/student-aid" => create_student_aid() body(StudentAidInput) -> StudentAidDto;
    DELETE "/api/v1/student-aid/{id}" => delete_student_aid(id: StudentAidId) -> ();
    /// Rows matched by ID card; a commit with any row error imports nothing.
    POST "/api/v1/student-aid/import" => import_student_aid() query(ImportQuery) upload(file) -> RecordImportReport;
    GET "/api/v1/education/year-settings/{year}" => education_year_setting(year: i32) -> EducationYearSettingDto;
    PUT "/api/v1/education/year-settings/{year}" => set_education_year_setting(year: i32) body(EducationYearSettingInput) -> EducationYearSettingDto;
    GET "/api/v1/education/figures" => education_figures() query(RatesQuery) -> EducationFigures;
    GET "/api/v1/education/out-of-school" => out_of_school() query(OutOfSchoolQuery) -> Page<OutOfSchoolChild>;
    /// 义务教育有保障 for the exit checklist, from the household's student aid of the year.
    GET "/api/v1/households/{id}/school-evidence" => school_evidence(id: HouseholdId) query(SchoolEvidenceQuery) -> SchoolEvidence;
}
