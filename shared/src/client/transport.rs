//! Sending a request and reading the answer, natively through reqwest and in the browser
//! through `fetch` (gloo-net). The routes themselves are declared per area with `api!`.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::ApiError;
use crate::org::{LoginRequest, LoginResponse};

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ClientError {
    /// The server answered with an error body.
    #[error("HTTP {status}: {error}")]
    Api { status: u16, error: ApiError },
    /// No answer: network down, server gone.
    #[error("网络错误：{0}")]
    Network(String),
    /// An answer that is not what the contract says.
    #[error("无法解析服务器响应：{0}")]
    Decode(String),
}

impl ClientError {
    /// The HTTP status of an API error, `None` for network and decode failures.
    pub fn status(&self) -> Option<u16> {
        match self {
            ClientError::Api { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// The error body of an API error.
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            ClientError::Api { error, .. } => Some(error),
            _ => None,
        }
    }
}

/// HTTP methods the API uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Put,
    Delete,
}

/// A handle on one server, optionally logged in.
#[derive(Debug, Clone)]
pub struct Api {
    base: String,
    token: Option<String>,
    #[cfg(not(target_arch = "wasm32"))]
    http: reqwest::Client,
}

impl Api {
    /// A client for the server at `base` (e.g. `http://127.0.0.1:8080`, or `""` for the page's
    /// own origin in the browser).
    pub fn new(base: impl Into<String>) -> Self {
        Self {
            base: base.into().trim_end_matches('/').to_owned(),
            token: None,
            #[cfg(not(target_arch = "wasm32"))]
            http: reqwest::Client::new(),
        }
    }

    /// The same server with this bearer token.
    pub fn with_token(&self, token: impl Into<String>) -> Self {
        Self { token: Some(token.into()), ..self.clone() }
    }

    pub fn token(&self) -> Option<&str> {
        self.token.as_deref()
    }

    pub fn base(&self) -> &str {
        &self.base
    }

    /// `POST /api/v1/auth/login` with a username and password.
    pub async fn login(&self, username: &str, password: &str) -> Result<LoginResponse, ClientError> {
        self.log_in(&LoginRequest { username: username.to_owned(), password: password.to_owned() }).await
    }

    // ---- transport ----

    /// A body as JSON.
    pub(crate) fn json<B: Serialize>(body: &B) -> Result<Vec<u8>, ClientError> {
        serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))
    }

    #[cfg(not(target_arch = "wasm32"))]
    pub(crate) async fn transport(
        &self,
        method: Method,
        path: &str,
        payload: Option<(Vec<u8>, &str)>,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        let method = match method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Patch => reqwest::Method::PATCH,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        if let Some((body, content_type)) = payload {
            request = request.header("Content-Type", content_type).body(body);
        }
        let response = request.send().await.map_err(|e| ClientError::Network(e.to_string()))?;
        let status = response.status().as_u16();
        let bytes = response.bytes().await.map_err(|e| ClientError::Network(e.to_string()))?;
        Ok((status, bytes.to_vec()))
    }

    #[cfg(target_arch = "wasm32")]
    pub(crate) async fn transport(
        &self,
        method: Method,
        path: &str,
        payload: Option<(Vec<u8>, &str)>,
    ) -> Result<(u16, Vec<u8>), ClientError> {
        use gloo_net::http::RequestBuilder;
        let url = format!("{}{path}", self.base);
        let mut builder = match method {
            Method::Get => RequestBuilder::new(&url).method(gloo_net::http::Method::GET),
            Method::Post => RequestBuilder::new(&url).method(gloo_net::http::Method::POST),
            Method::Patch => RequestBuilder::new(&url).method(gloo_net::http::Method::PATCH),
            Method::Put => RequestBuilder::new(&url).method(gloo_net::http::Method::PUT),
            Method::Delete => RequestBuilder::new(&url).method(gloo_net::http::Method::DELETE),
        };
        if let Some(token) = &self.token {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        let request = match payload {
            Some((body, content_type)) => {
                let array = js_sys::Uint8Array::from(body.as_slice());
                builder.header("Content-Type", content_type).body(array)
            }
            None => builder.build(),
        }
        .map_err(|e| ClientError::Network(e.to_string()))?;
        let response = request.send().await.map_err(|e| ClientError::Network(e.to_string()))?;
        let status = response.status();
        let bytes = response.binary().await.map_err(|e| ClientError::Network(e.to_string()))?;
        Ok((status, bytes))
    }
}

/// Decodes an answer: the expected type on 2xx, the error body otherwise.
pub(crate) fn decode<R: DeserializeOwned>(status: u16, bytes: &[u8]) -> Result<R, ClientError> {
    if (200..300).contains(&status) {
        serde_json::from_slice(bytes).map_err(|e| ClientError::Decode(e.to_string()))
    } else {
        let error = serde_json::from_slice::<ApiError>(bytes).unwrap_or_else(|_| {
            ApiError::new("http_error", String::from_utf8_lossy(bytes).chars().take(200).collect::<String>())
        });
        Err(ClientError::Api { status, error })
    }
}

/// `?year=…&org_unit_id=…`.
/// The bytes of a file answer, or the wire error.
pub(crate) fn bytes(status: u16, bytes: Vec<u8>) -> Result<Vec<u8>, ClientError> {
    if (200..300).contains(&status) {
        Ok(bytes)
    } else {
        decode::<serde_json::Value>(status, &bytes).map(|_| Vec::new())
    }
}

/// Nothing, or the wire error.
pub(crate) fn empty(status: u16, bytes: &[u8]) -> Result<(), ClientError> {
    if (200..300).contains(&status) { Ok(()) } else { decode::<serde_json::Value>(status, bytes).map(|_| ()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_status_decodes_the_wire_error() {
        let body = br#"{"code":"not_found","message":"x","fields":{}}"#;
        let result: Result<serde_json::Value, _> = decode(404, body);
        assert_eq!(result.err().and_then(|e| e.status()), Some(404));
    }
}
