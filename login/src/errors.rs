//! What a failed call says to the user, in their language.

use jingzhun_shared::ClientError;

use crate::i18n::I18n;

/// A message for a failed call, in the user's language.
pub fn error_text(i18n: &I18n, error: &ClientError) -> String {
    match error {
        ClientError::Network(_) => {
            i18n.t("无法连接服务器，请检查网络后重试", "Cannot reach the server; check the network").to_owned()
        }
        ClientError::Decode(_) => {
            i18n.t("服务器返回了无法识别的数据", "The server answered something unexpected").to_owned()
        }
        ClientError::Api { status: 401, .. } => {
            i18n.t("登录已过期，请重新登录", "Session expired; please log in again").to_owned()
        }
        ClientError::Api { status: 403, .. } => {
            i18n.t("当前角色无权执行此操作", "Your role may not do this").to_owned()
        }
        ClientError::Api { status: 404, .. } => i18n.t("记录不存在", "Not found").to_owned(),
        ClientError::Api { error, .. } => error.message.clone(),
    }
}
