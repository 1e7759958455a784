//! "记录位置": the phone's position from the browser's geolocation, asked for only when the user
//! taps the button (the browser asks for permission then) and kept with the record entered.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen::JsValue;
use wasm_bindgen::closure::Closure;

use crate::i18n::use_i18n;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Asking {
    No,
    Yes,
    Failed,
}

/// A button that puts the phone's (latitude, longitude) into `point`, with what it came to.
#[component]
pub fn LocateButton(point: RwSignal<Option<(f64, f64)>>) -> impl IntoView {
    let i18n = use_i18n();
    let asking = RwSignal::new(Asking::No);
    let locate = move |_| {
        let Some(geolocation) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            return asking.set(Asking::Failed);
        };
        asking.set(Asking::Yes);
        let found = Closure::once_into_js(move |position: JsValue| match position.dyn_into::<web_sys::Position>() {
            Ok(position) => {
                let coords = position.coords();
                point.set(Some((coords.latitude(), coords.longitude())));
                asking.set(Asking::No);
            }
            Err(_) => asking.set(Asking::Failed),
        });
        let failed = Closure::once_into_js(move |_: JsValue| asking.set(Asking::Failed));
        let asked =
            geolocation.get_current_position_with_error_callback(found.unchecked_ref(), Some(failed.unchecked_ref()));
        if asked.is_err() {
            asking.set(Asking::Failed);
        }
    };
    let status = move || match (asking.get(), point.get()) {
        (Asking::Yes, _) => i18n.t("正在定位…", "Locating…").to_owned(),
        (Asking::Failed, _) => {
            i18n.t("无法定位，请允许浏览器获取位置", "No location: allow the browser to locate").to_owned()
        }
        (Asking::No, Some((lat, lon))) => format!("{}{lat:.5}, {lon:.5}", i18n.t("已记录位置 ", "Recorded at ")),
        (Asking::No, None) => {
            i18n.t("可选，仅区、乡镇核查时可见", "Optional; only officials checking visits see it").to_owned()
        }
    };
    view! {
        <div class="field locate">
            <button type="button" class="small locate-button" on:click=locate disabled=move || asking.get() == Asking::Yes>
                {move || if point.get().is_some() { i18n.t("重新定位", "Locate again") } else { i18n.t("记录位置", "Record location") }}
            </button>
            <span class="muted small locate-status" role="status">{status}</span>
        </div>
    }
}
