//! Rectification's routes.

use super::{
    AccountabilityDto, AccountabilityInput, AccountabilityQuery, BoardQuery, CloseProblem, InspectionDto,
    InspectionInput, InspectionQuery, MeasureDone, MeasureDto, MeasureInput, OversightFigures, OversightFiguresQuery,
    ProblemDetail, ProblemDto, ProblemInput, ProblemQuery, RectificationBoard, ReopenProblem, SubmitProblem,
};
use crate::client::api;
use crate::page::Page;

api! {
    GET "/api/v1/inspections" => inspections() query(InspectionQuery) -> Page<InspectionDto>;
    POST "/api/v1/inspections" => create_inspection() body(InspectionInput) -> InspectionDto;
    /// Problems in the caller's subtree, overdue first.
    GET "/api/v1/problems" => problems() query(ProblemQuery) -> Page<ProblemDto>;
    POST "/api/v1/problems" => create_problem() body(ProblemInput) -> ProblemDto;
    GET "/api/v1/problems/{id}" => problem(id: i64) -> ProblemDetail;
    /// A rectifying problem goes to the district for closing; 409 from any other status.
    POST "/api/v1/problems/{id}/submit" => submit_problem(id: i64) body(SubmitProblem) -> ProblemDetail;
    /// The district closes (销号) a submitted problem; 422 without evidence or a measure done.
    POST "/api/v1/problems/{id}/close" => close_problem(id: i64) body(CloseProblem) -> ProblemDetail;
    /// The district sends a submitted or closed problem back, with the reason.
    POST "/api/v1/problems/{id}/reopen" => reopen_problem(id: i64) body(ReopenProblem) -> ProblemDetail;
    GET "/api/v1/problems/{id}/measures" => measures(id: i64) -> Vec<MeasureDto>;
    POST "/api/v1/problems/{id}/measures" => add_measure(id: i64) body(MeasureInput) -> MeasureDto;
    PUT "/api/v1/measures/{id}/done" => measure_done(id: i64) body(MeasureDone) -> MeasureDto;
    GET "/api/v1/accountability" => accountability() query(AccountabilityQuery) -> Page<AccountabilityDto>;
    POST "/api/v1/accountability" => create_accountability() body(AccountabilityInput) -> AccountabilityDto;
    /// Open, overdue and closed problems today, by source and by township.
    GET "/api/v1/oversight/board" => rectification_board() query(BoardQuery) -> RectificationBoard;
    GET "/api/v1/oversight/figures" => oversight_figures() query(OversightFiguresQuery) -> OversightFigures;
}
