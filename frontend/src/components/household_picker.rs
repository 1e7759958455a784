//! Choosing a household in the caller's scope with a thumb: type its number or the head's
//! name, then pick it from what matches. Per-household records (housing checks, ecology
//! compensations, assistance payments) are entered through it; [`MemberPicker`] adds a member.
//!
//! [`MemberPicker`]: crate::components::member_picker::MemberPicker

use jingzhun_shared::HouseholdId;
use jingzhun_shared::registry::HouseholdQuery;
use leptos::prelude::*;

use crate::i18n::{T, use_i18n};
use crate::session::use_session;

/// Sets `household` to the chosen household (`None` while none is); `on_pick` runs after each
/// choice. The inputs are `#{prefix}-search` and `#{prefix}-household`.
#[component]
pub fn HouseholdPicker(
    prefix: &'static str,
    household: RwSignal<Option<HouseholdId>>,
    #[prop(optional, into)] error: MaybeProp<String>,
    #[prop(optional)] on_pick: Option<Callback<()>>,
) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let q = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let q = q.get();
        async move {
            if q.trim().is_empty() {
                return Vec::new();
            }
            let query = HouseholdQuery { q: Some(q), per_page: Some(20), ..Default::default() };
            session.api().households(&query).await.map(|p| p.items).unwrap_or_default()
        }
    });
    let search_id = format!("{prefix}-search");
    view! {
        <label for=search_id.clone()><T zh="农户（户编号或户主姓名）" en="Household (number or head)"/></label>
        <input id=search_id type="search" placeholder=move || i18n.t("输入后选择农户", "Type, then choose")
            prop:value=move || q.get() on:input=move |ev| q.set(event_target_value(&ev))/>
        <select id=format!("{prefix}-household") aria-label="household" on:change=move |ev| {
            household.set(event_target_value(&ev).parse().ok().map(HouseholdId));
            if let Some(f) = on_pick { f.run(()) }
        }>
            <option value=""><T zh="— 选择农户 —" en="— household —"/></option>
            {move || found.get().unwrap_or_default().into_iter().map(|h| view! {
                <option value=h.id.0.to_string()>{format!("{} {}（{}）", h.number, h.head_name, h.village.name)}</option>
            }).collect_view()}
        </select>
        <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
    }
}
