//! Choosing a member of a household in the caller's scope, with a thumb: search households by
//! number or head's name, pick one, then pick one of its members. Per-member records (student
//! aid, jobs) are entered through it.

use jingzhun_shared::registry::MemberDto;
use jingzhun_shared::{HouseholdId, MemberId, PageQuery};
use leptos::prelude::*;

use crate::components::household_picker::HouseholdPicker;
use crate::i18n::T;
use crate::session::use_session;

/// Sets `member` to the chosen member (and `None` while none is chosen).
#[component]
pub fn MemberPicker(
    member: RwSignal<Option<MemberId>>,
    #[prop(optional, into)] error: MaybeProp<String>,
) -> impl IntoView {
    let session = use_session();
    let household = RwSignal::new(None::<HouseholdId>);
    let members = LocalResource::new(move || {
        let chosen = household.get();
        async move {
            let Some(id) = chosen else { return Vec::<MemberDto>::new() };
            let all = PageQuery { per_page: Some(PageQuery::MAX_PER_PAGE), page: None };
            session.api().members(id, &all).await.map(|p| p.items).unwrap_or_default()
        }
    });
    view! {
        <div class="field member-picker" class:invalid=move || error.get().is_some()>
            <HouseholdPicker prefix="member" household on_pick=Callback::new(move |_| member.set(None))/>
            <label for="member-choice"><T zh="成员" en="Member"/></label>
            <select id="member-choice" on:change=move |ev| member.set(event_target_value(&ev).parse().ok().map(MemberId))>
                <option value=""><T zh="— 选择成员 —" en="— member —"/></option>
                {move || members.get().unwrap_or_default().into_iter().filter(|m| m.left_on.is_none()).map(|m| view! {
                    <option value=m.id.0.to_string()>{m.name.clone()}</option>
                }).collect_view()}
            </select>
            <p class="field-error" role="alert">{move || error.get().unwrap_or_default()}</p>
        </div>
    }
}
