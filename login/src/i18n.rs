//! Chinese (zh-CN) by default with an English switch. Texts stand where they are used, as
//! `i18n.t("中文", "English")`, so a page reads in both languages at once.

use jingzhun_shared::StringEnum;
use leptos::prelude::*;

use crate::saved::storage;

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

    /// The label of any enum value in the current language, from the enum itself (reactive).
    pub fn label<E: StringEnum>(&self, value: E) -> &'static str {
        self.t(value.zh(), value.en())
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
