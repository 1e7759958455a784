//! Request parts turned into the values services take: the acting user (and their account) from
//! the bearer token, the client's address, and an uploaded spreadsheet's rows.

use std::future::{Future, Ready, ready};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::sync::Arc;

use actix_web::{FromRequest, HttpRequest, web};

use crate::actor::{Account, CurrentUser};
use crate::error::{AppError, AppResult};
use crate::progress::Ticket;
use crate::routes::upload::UploadBody;
use crate::services;
use crate::services::sheet::{self, RawRow};
use crate::state::AppState;
use jingzhun_shared::org::UserDto;
use jingzhun_shared::registry::ImportQuery;

impl FromRequest for CurrentUser {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let account = authenticate(req);
        Box::pin(async move { Ok(account.await?.user) })
    }
}

/// The caller's own account as `auth/me` shows it, from the same token cache as [`CurrentUser`]
/// (no query while the cache holds it).
pub struct CurrentAccount(pub Arc<UserDto>);

impl FromRequest for CurrentAccount {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, Self::Error>>>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let account = authenticate(req);
        Box::pin(async move { Ok(CurrentAccount(account.await?.dto)) })
    }
}

/// The account the bearer token names: from the token cache while it is fresh, else verified and
/// read (and remembered). The actor's `today` is always the office's date now.
fn authenticate(req: &HttpRequest) -> impl Future<Output = AppResult<Account>> + 'static {
    let state = req.app_data::<web::Data<AppState>>().cloned();
    let token = req
        .headers()
        .get(actix_web::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::to_owned);
    async move {
        let state = state.ok_or_else(|| AppError::Internal("state missing".to_owned()))?;
        let token = token.ok_or(AppError::Unauthorized)?;
        let now = chrono::Utc::now().timestamp();
        let mut account = match state.tokens.get(&token, now) {
            Some(account) => account,
            None => {
                let (subject, expires_at) = state.keys.verify_until(&token)?;
                let generation = state.tokens.generation();
                let account = services::org::auth::current_account(&state.db, subject).await?;
                state.tokens.put(&token, expires_at, &account, generation);
                account
            }
        };
        account.user.today = state.clock.today();
        Ok(account)
    }
}

/// The address a request comes from, as the login throttle counts it: the connection's peer,
/// or, when the server is configured to sit behind a trusted proxy, the client the proxy names
/// in `Forwarded` / `X-Forwarded-For`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

impl FromRequest for ClientAddr {
    type Error = AppError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut actix_web::dev::Payload) -> Self::Future {
        let trust_forwarded = req.app_data::<web::Data<AppState>>().is_some_and(|s| s.trust_forwarded_for);
        let forwarded =
            trust_forwarded.then(|| req.connection_info().realip_remote_addr().and_then(parse_ip)).flatten();
        let peer = req.peer_addr().map(|a| a.ip());
        ready(Ok(ClientAddr(forwarded.or(peer).unwrap_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED)))))
    }
}

/// `1.2.3.4`, `1.2.3.4:5678`, `[::1]:5678` or `::1`.
fn parse_ip(text: &str) -> Option<IpAddr> {
    text.parse::<SocketAddr>().map(|a| a.ip()).ok().or_else(|| text.trim_matches(['[', ']']).parse().ok())
}

/// The rows of an uploaded CSV or xlsx `body`, read off the async threads; 400 when
/// unreadable, 413 or 422 naming the limit it passes.
pub async fn sheet_rows(format: String, body: web::Bytes, columns: &'static [&'static str]) -> AppResult<Vec<RawRow>> {
    web::block(move || sheet::read(&format, &body, columns))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(AppError::from)
}

/// An upload the route's role check let through: its progress ticket, its rows read against
/// `columns` off the async workers, then `run`, the area's check or commit of them.
pub async fn import_sheet<R>(
    state: &AppState,
    user: &CurrentUser,
    query: ImportQuery,
    body: UploadBody,
    columns: &'static [&'static str],
    run: impl AsyncFnOnce(Vec<RawRow>, &ImportQuery, Option<&mut Ticket<'_>>) -> AppResult<R>,
) -> AppResult<web::Json<R>> {
    let mut ticket = state.imports.ticket(user.id, query.progress.as_deref()).await?;
    let result = async {
        let rows = sheet_rows(query.format.clone(), body.read().await?, columns).await?;
        run(rows, &query, ticket.as_mut()).await
    }
    .await;
    crate::progress::settle(ticket).await;
    result.map(web::Json)
}

#[cfg(test)]
mod tests {
    use actix_web::test::TestRequest;

    use super::*;

    #[test]
    fn forwarded_addresses_are_read_in_every_written_form() {
        assert_eq!(parse_ip("10.1.2.3"), Some(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3))));
        assert_eq!(parse_ip("10.1.2.3:8080"), Some(IpAddr::V4(Ipv4Addr::new(10, 1, 2, 3))));
        assert_eq!(parse_ip("[::1]:8080"), "::1".parse().ok());
        assert_eq!(parse_ip("::1"), "::1".parse().ok());
        assert_eq!(parse_ip("unknown"), None);
    }

    #[tokio::test]
    async fn without_the_setting_a_forwarded_header_is_ignored() {
        let peer: SocketAddr = "10.0.0.7:4000".parse().expect("addr");
        let req =
            TestRequest::default().peer_addr(peer).insert_header(("X-Forwarded-For", "1.2.3.4")).to_http_request();

        let addr = ClientAddr::extract(&req).await.expect("addr");

        assert_eq!(addr, ClientAddr(peer.ip()));
    }
}
