//! Chinese (zh-CN) by default with an English switch. Texts stand where they are used, as
//! `i18n.t("中文", "English")`, so a page reads in both languages at once.

use jingzhun_shared::{OrgLevel, Role};
use leptos::prelude::*;

use crate::session::storage;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Zh,
    En,
}

const KEY: &str = "jingzhun.lang";

/// The current language, shared through context.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    /// The language chosen last time, Chinese when none was.
    pub fn load() -> Self {
        let saved = storage().and_then(|s| s.get_item(KEY).ok().flatten());
        let lang = if saved.as_deref() == Some("en") { Lang::En } else { Lang::Zh };
        set_document_lang(lang);
        Self { lang: RwSignal::new(lang) }
    }

    /// Switches between Chinese and English and remembers the choice.
    pub fn toggle(&self) {
        let next = if self.lang.get_untracked() == Lang::Zh { Lang::En } else { Lang::Zh };
        if let Some(s) = storage() {
            let _ = s.set_item(KEY, if next == Lang::En { "en" } else { "zh" });
        }
        set_document_lang(next);
        self.lang.set(next);
    }

    /// The text in the current language (reactive).
    pub fn t(&self, zh: &'static str, en: &'static str) -> &'static str {
        match self.lang.get() {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn role(&self, role: Role) -> &'static str {
        match role {
            Role::Admin => self.t("系统管理员", "System admin"),
            Role::DistrictOfficial => self.t("区扶贫办", "District office"),
            Role::TownshipOfficial => self.t("乡镇扶贫工作站", "Township station"),
            Role::VillageClerk => self.t("村扶贫专干", "Village clerk"),
            Role::HealthOfficer => self.t("卫健医保", "Health officer"),
            Role::Enterprise => self.t("帮扶企业", "Partner enterprise"),
            Role::Auditor => self.t("检查评估", "Auditor"),
        }
    }

    pub fn level(&self, level: OrgLevel) -> &'static str {
        match level {
            OrgLevel::District => self.t("区", "District"),
            OrgLevel::Township => self.t("乡镇", "Township"),
            OrgLevel::Village => self.t("村", "Village"),
        }
    }
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn set_document_lang(lang: Lang) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", if lang == Lang::En { "en" } else { "zh-CN" });
    }
}

/// A text in the user's language: `<T zh="登录" en="Log in"/>`. One component for every static
/// text keeps the bundle small (each inline closure would be compiled separately).
#[component]
pub fn T(zh: &'static str, en: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || i18n.t(zh, en)
}
