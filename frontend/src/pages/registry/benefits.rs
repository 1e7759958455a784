//! "Benefits received" on the household card: what the household received across projects
//! (the list of `pages::benefits`) and, for those who enter data, recording an industry
//! subsidy from the year's menu out of an industry project of that year, with the amount
//! computed as it is typed (quantity × standard, within what the item's cap leaves for the
//! household) and the room the year's cap per household leaves shown beside it.

use jingzhun_shared::PageQuery;
use jingzhun_shared::funds::{ProjectDto, ProjectQuery};
use jingzhun_shared::industry::{
    CreateIndustrySubsidy, IndustrySubsidyDto, IndustrySubsidyQuery, Quantity, SubsidyAmount, SubsidyMenuItemDto,
    SubsidyMenuQuery, SubsidyRefusal, YearCap, subsidy_amount,
};
use jingzhun_shared::{ClientError, Fen, HouseholdId, ProjectId, ProjectKind, ProjectStatus, SubsidyMenuItemId};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::i18n::{I18n, T, use_i18n};
use crate::pages::benefits::BenefitList;
use crate::session::use_session;

/// What the card shows and the form needs: the subsidies had, the latest year's menu, the
/// industry projects of that year that can pay, and that year's cap per household.
#[derive(Clone)]
struct Data {
    received: Vec<IndustrySubsidyDto>,
    menu: Vec<SubsidyMenuItemDto>,
    projects: Vec<ProjectDto>,
    household_cap: Option<Fen>,
}

#[component]
pub fn Benefits(household_id: HouseholdId, writes: bool) -> impl IntoView {
    let session = use_session();
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        async move {
            let api = session.api();
            let query =
                IndustrySubsidyQuery { household_id: Some(household_id), per_page: Some(200), ..Default::default() };
            let received = api.industry_subsidies(&query).await?;
            // The latest year's menu is the one subsidies are recorded from.
            let query = SubsidyMenuQuery { per_page: Some(PageQuery::MAX_PER_PAGE), ..Default::default() };
            let mut menu = api.subsidy_menu(&query).await?.items;
            let latest = menu.iter().map(|i| i.year).max();
            menu.retain(|i| Some(i.year) == latest);
            let (mut projects, mut household_cap) = (Vec::new(), None);
            if let Some(year) = latest.filter(|_| writes) {
                let query = ProjectQuery {
                    year: Some(year),
                    kind: Some(ProjectKind::Industry),
                    per_page: Some(PageQuery::MAX_PER_PAGE),
                    ..Default::default()
                };
                projects = api.projects(&query).await?.items;
                projects.retain(|p| p.status != ProjectStatus::Planned);
                household_cap = api.industry_year_setting(year).await?.household_cap_fen;
            }
            Ok::<Data, ClientError>(Data { received: received.items, menu, projects, household_cap })
        }
    });
    view! {
        <h2><T zh="享受政策" en="Benefits received"/></h2>
        <BenefitList household_id reload/>
        <Loaded resource=data quiet=true children=move |data: Data| {
            (writes && !data.menu.is_empty()).then(|| view! { <SubsidyForm household_id data=data.clone() reload/> })
        }/>
    }
}

/// The year's cap per household and what the household has had in `year` (every item).
fn year_cap(cap: Option<Fen>, year: i32, received: &[IndustrySubsidyDto]) -> Option<YearCap> {
    let used = Fen::new(received.iter().filter(|s| s.year == year).map(|s| s.amount_fen.fen()).sum());
    cap.map(|cap| YearCap { cap, used })
}

/// What the server will pay for `quantity` of `item` (shared's rule, the server's own):
/// quantity × standard, lowered to what the cap leaves after `received`, refused once the cap
/// is used up or beyond what the year's cap per household leaves.
fn preview(
    item: &SubsidyMenuItemDto,
    quantity: Quantity,
    received: &[IndustrySubsidyDto],
    cap: Option<Fen>,
) -> Result<SubsidyAmount, SubsidyRefusal> {
    let earlier = Fen::new(received.iter().filter(|s| s.item_id == item.id).map(|s| s.amount_fen.fen()).sum());
    subsidy_amount(quantity, item.standard_fen, item.cap_fen, earlier, year_cap(cap, item.year, received))
}

#[component]
fn SubsidyForm(household_id: HouseholdId, data: Data, reload: RwSignal<u32>) -> impl IntoView {
    let session = use_session();
    let i18n = use_i18n();
    let Data { received, menu, projects, household_cap } = data;
    let year = menu.first().map(|i| i.year).unwrap_or_default();
    let room = year_cap(household_cap, year, &received);
    let menu = StoredValue::new(menu);
    let received = StoredValue::new(received);
    let project_id = RwSignal::new(projects.first().map(|p| p.id));
    let item_id = RwSignal::new(menu.with_value(|m| m.first().map(|i| i.id)));
    let quantity = RwSignal::new(String::new());
    let parsed = move || {
        let text = quantity.get();
        if text.trim().is_empty() { None } else { Some(Quantity::parse(&text)) }
    };
    let quantity_error = Signal::derive(move || parsed().and_then(|r| r.err()));
    let amount = move || {
        let item = menu.with_value(|m| m.iter().find(|i| Some(i.id) == item_id.get()).cloned())?;
        let q = parsed()?.ok()?;
        Some(received.with_value(|r| preview(&item, q, r, household_cap)))
    };
    let save = use_save(
        move |body: CreateIndustrySubsidy| async move { session.api().create_industry_subsidy(&body).await },
        move |_| {
            quantity.set(String::new());
            reload.update(|r| *r += 1);
            None
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match (item_id.get_untracked(), project_id.get_untracked(), parsed()) {
            (Some(item_id), Some(project_id), Some(Ok(quantity))) => {
                save.dispatch(CreateIndustrySubsidy { household_id, item_id, project_id, quantity, note: None });
            }
            _ => save.message.set(Some(
                i18n.t(
                    "请选择补助项目、列支项目并填写数量",
                    "Choose an item and a paying project, and enter a quantity",
                )
                .to_owned(),
            )),
        }
    };
    view! {
        <form class="card form subsidy-form" on:submit=submit>
            <h2><T zh="登记产业补助" en="Record an industry subsidy"/></h2>
            <div class="field">
                <label for="subsidy-item"><T zh="补助项目（菜单）" en="Item (menu)"/></label>
                <select id="subsidy-item" name="item" on:change=move |ev| {
                    item_id.set(event_target_value(&ev).parse().ok().map(SubsidyMenuItemId));
                }>
                    {menu.get_value().into_iter().map(|i| {
                        let cap = i.cap_fen.map(|c| format!("，每户上限 {} 元", c.to_yuan_string())).unwrap_or_default();
                        view! { <option value=i.id.0.to_string()>{format!("{}（{} 元/{}{}）", i.name, i.standard_fen.to_yuan_string(), i.unit, cap)}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="subsidy-project"><T zh="列支项目（产业项目）" en="Paid by (industry project)"/></label>
                <select id="subsidy-project" name="project" on:change=move |ev| {
                    project_id.set(event_target_value(&ev).parse().ok().map(ProjectId));
                }>
                    {projects.iter().map(|p| {
                        let left = Fen::new(p.budget_fen.fen() - p.spent_fen.fen()).to_yuan_string();
                        view! { <option value=p.id.0.to_string()>{format!("{}（{}，可支出 {} 元）", p.name, p.org_unit.name, left)}</option> }
                    }).collect_view()}
                </select>
                {projects.is_empty().then(|| view! {
                    <p class="field-error" role="alert">
                        <T zh="本年没有已开工的产业项目可列支补助" en="No started industry project of the year can pay"/>
                    </p>
                })}
            </div>
            <Field label=("数量", "Quantity") name="quantity" value=quantity error=quantity_error inputmode="decimal"/>
            <p class="computed" aria-live="polite">{move || amount_view(i18n, amount())}</p>
            {room.map(|room| view! {
                <p class="muted small year-room">
                    {format!("{year} ")}<T zh="年每户补助上限 " en="cap per household: "/>{room.cap.to_yuan_string()}
                    <T zh=" 元，本户尚可补助 " en=" yuan; left for this household: "/>
                    <strong class="year-room-left">{room.left().to_yuan_string()}</strong><T zh=" 元" en=" yuan"/>
                </p>
            })}
            <p class="form-error" role="alert">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存补助" en="Save subsidy"/></button>
        </form>
    }
}

/// The computed amount, "capped" when the cap lowered it, or why nothing will be paid.
fn amount_view(i18n: I18n, amount: Option<Result<SubsidyAmount, SubsidyRefusal>>) -> AnyView {
    let figure = match &amount {
        Some(Ok(a)) => a.amount.to_yuan_string(),
        _ => "—".to_owned(),
    };
    let note = match amount {
        Some(Ok(SubsidyAmount { capped: true, .. })) => {
            Some(view! { " " <span class="badge warn"><T zh="已按每户上限" en="capped"/></span> }.into_any())
        }
        Some(Err(SubsidyRefusal::CapReached { cap })) => Some(
            view! {
                <span class="badge warn subsidy-refusal" role="alert">
                    {i18n.t("已达每户上限 ", "Cap per household reached: ")}{cap.to_yuan_string()}<T zh=" 元" en=" yuan"/>
                </span>
            }
            .into_any(),
        ),
        Some(Err(SubsidyRefusal::YearCapExceeded { left, .. })) => Some(
            view! {
                <span class="badge warn subsidy-refusal" role="alert">
                    {i18n.t("超出每户每年上限，尚可 ", "Over the yearly cap per household; left: ")}{left.to_yuan_string()}<T zh=" 元" en=" yuan"/>
                </span>
            }
            .into_any(),
        ),
        Some(Err(SubsidyRefusal::TooLarge)) => {
            Some(view! { <span class="badge warn" role="alert"><T zh="数量过大" en="Quantity too large"/></span> }.into_any())
        }
        _ => None,
    };
    view! {
        <T zh="补助金额：" en="Amount: "/>
        <strong class="subsidy-amount">{figure}</strong>
        <T zh=" 元" en=" yuan"/>
        " "{note}
    }
    .into_any()
}
