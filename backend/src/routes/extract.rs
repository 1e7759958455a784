//! Request parts turned into the values services take: the acting user from the bearer token,
//! and an uploaded spreadsheet's rows.

use std::future::Future;
use std::pin::Pin;

use actix_web::{FromRequest, HttpRequest, web};

use crate::actor::CurrentUser;
use crate::error::{AppError, AppResult};
use crate::services;
use crate::services::sheet::{self, RawRow};
use crate::state::AppState;

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let state = req.app_data::<web::Data<AppState>>().cloned();
        let token = req
            .headers()
            .get(actix_web::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::to_owned);
        Box::pin(async move {
            let state = state.ok_or_else(|| AppError::Internal("state missing".to_owned()))?;
            let token = token.ok_or(AppError::Unauthorized)?;
            let user_id = state.keys.verify(&token)?;
            let user = services::org::auth::current_user(&state.db, user_id).await?;
            Ok(CurrentUser { today: state.clock.today(), ..user })
        })
    }
}

/// The rows of an uploaded CSV or xlsx `body`, read off the async threads; 400 when
/// unreadable, 413 or 422 naming the limit it passes.
pub async fn sheet_rows(format: String, body: web::Bytes, columns: &'static [&'static str]) -> AppResult<Vec<RawRow>> {
    web::block(move || sheet::read(&format, &body, columns))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::from)
}
