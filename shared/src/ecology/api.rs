//! Ecological compensation's routes.

use super::{EcologyDto, EcologyFigures, EcologyInput, EcologyQuery};
use crate::client::api;
use crate::funds::RatesQuery;
use crate::page::Page;

api! {
    GET "/api/v1/ecology-compensations" => ecology_compensations() query(EcologyQuery) -> Page<EcologyDto>;
    POST "/api/v1/ecology-compensations" => create_ecology_compensation() body(EcologyInput) -> EcologyDto;
    GET "/api/v1/ecology/figures" => ecology_figures() query(RatesQuery) -> EcologyFigures;
}
