//! A village by year: its profiles with their history (edited by the admin and the district
//! office), the year's 贫困发生率 and exit check, and the exit procedure (`exit`).

mod exit;

use jingzhun_shared::page::PageQuery;
use jingzhun_shared::villages::{ProfileChange, SaveVillageProfile, VillageProfile};
use jingzhun_shared::{Capability, Fen, OrgUnitId};
use leptos::prelude::*;

use crate::components::field::Field;
use crate::components::loaded::Loaded;
use crate::components::save::use_save;
use crate::components::wan;
use crate::i18n::T;
use crate::page::route_id;
use crate::session::use_session;

/// What the page loads at once: the village's name and exit year, profiles, history.
type Data = (String, Option<i32>, Vec<VillageProfile>, Vec<ProfileChange>);

#[component]
pub fn VillagePage() -> impl IntoView {
    let session = use_session();
    let id = route_id(OrgUnitId);
    let reload = RwSignal::new(0u32);
    let data = LocalResource::new(move || {
        reload.track();
        let (api, id) = (session.api(), id());
        async move {
            let id = id.ok_or_else(|| jingzhun_shared::ClientError::Decode("bad id".into()))?;
            let unit = api.org_unit(id).await?;
            let profiles = api.village_profiles(id, &PageQuery { page: None, per_page: Some(200) }).await?;
            let history = api.village_profile_history(id, &PageQuery { page: None, per_page: Some(50) }).await?;
            Ok::<Data, jingzhun_shared::ClientError>((unit.name, unit.exit_year, profiles.items, history.items))
        }
    });
    let edits = session.user().is_some_and(|u| u.role.can(Capability::EditVillages));
    // The year shown: the newest profile's until the user picks one (0: not yet), kept
    // across reloads.
    let year = RwSignal::new(0);
    view! {
        <section class="page">
            <Loaded resource=data children=move |(name, exit_year, profiles, history): Data| {
                let Some(id) = id() else { return ().into_any() };
                if year.get_untracked() == 0 {
                    year.set(profiles.first().map_or_else(this_year, |p| p.year));
                }
                view! {
                    <h1>{name}{exit_year.map(|y| view! { " "<span class="badge ok"><T zh="已出列" en="Exited"/>" "{y}</span> })}</h1>
                    <Profiles profiles=profiles.clone() year/>
                    {edits.then(|| view! { <ProfileForm id profiles=profiles.clone() year reload/> })}
                    <History history/>
                    <exit::ExitSection id year reload/>
                }.into_any()
            }/>
        </section>
    }
}

fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Local::now().year()
}

#[component]
fn Profiles(profiles: Vec<VillageProfile>, year: RwSignal<i32>) -> impl IntoView {
    let rows = profiles
        .into_iter()
        .map(|p| {
            let y = p.year;
            view! {
                <li class="row" class:selected=move || year.get() == y>
                    <button type="button" class="link-button" on:click=move |_| year.set(y)>{y}<T zh=" 年" en=""/></button>
                    <div class="grow small">
                        {if p.is_poor_village { view! { <span class="badge warn"><T zh="贫困村" en="Poor village"/></span> }.into_any() } else { ().into_any() }}
                        " "<T zh="农村人口 " en="Rural population "/>{p.rural_population}
                        <T zh=" · 集体经济收入 " en=" · collective income "/>{wan(p.collective_income_fen)}<T zh=" 万元" en="×10k yuan"/>
                    </div>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2><T zh="村情（按年度）" en="Profile by year"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="尚无村情记录" en="No profile yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
    }
}

/// Creates or corrects the profile of the selected year.
#[component]
fn ProfileForm(
    id: OrgUnitId,
    profiles: Vec<VillageProfile>,
    year: RwSignal<i32>,
    reload: RwSignal<u32>,
) -> impl IntoView {
    let session = use_session();
    let profiles = StoredValue::new(profiles);
    let current = move || profiles.with_value(|all| all.iter().find(|p| p.year == year.get()).cloned());
    let year_text = RwSignal::new(year.get_untracked().to_string());
    let poor = RwSignal::new(false);
    let population = RwSignal::new(String::new());
    let income = RwSignal::new(String::new());
    Effect::new(move |_| {
        let p = current();
        year_text.set(year.get().to_string());
        poor.set(p.as_ref().is_some_and(|p| p.is_poor_village));
        population.set(p.as_ref().map(|p| p.rural_population.to_string()).unwrap_or_default());
        income.set(p.map(|p| p.collective_income_fen.to_yuan_string()).unwrap_or_default());
    });
    let save = use_save(
        move |body: SaveVillageProfile| async move { session.api().save_village_profile(id, &body).await },
        move |_| {
            reload.update(|r| *r += 1);
            Some("已保存".to_owned())
        },
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut errors = jingzhun_shared::FieldErrors::new();
        let y = year_text.get_untracked().trim().parse::<i32>().map_err(|_| "请填写年度".to_owned());
        let people = population.get_untracked().trim().parse::<i64>().map_err(|_| "请填写人数".to_owned());
        let fen = Fen::parse_yuan(&income.get_untracked());
        for (field, problem) in [
            ("year", y.clone().err()),
            ("rural_population", people.clone().err()),
            ("collective_income_fen", fen.clone().err()),
        ] {
            if let Some(message) = problem {
                errors.insert(field.to_owned(), vec![message]);
            }
        }
        let (Ok(y), Ok(people), Ok(fen)) = (y, people, fen) else {
            save.errors.set(errors);
            return;
        };
        let version = profiles.with_value(|all| all.iter().find(|p| p.year == y).map(|p| p.version));
        save.dispatch(SaveVillageProfile {
            year: y,
            is_poor_village: poor.get_untracked(),
            rural_population: people,
            collective_income_fen: fen,
            version,
        });
    };
    view! {
        <form class="card form" on:submit=submit novalidate>
            <h2><T zh="填写或修改村情" en="Record the year's profile"/></h2>
            <Field label=("年度", "Year") name="profile-year" value=year_text error=save.field("year") inputmode="numeric"/>
            <label class="check">
                <input type="checkbox" prop:checked=move || poor.get() on:change=move |ev| poor.set(event_target_checked(&ev))/>
                <T zh="贫困村（建档立卡）" en="On the poor list"/>
            </label>
            <Field label=("农村人口（人）", "Rural population") name="rural-population" value=population
                error=save.field("rural_population") inputmode="numeric"/>
            <Field label=("村集体经济收入（元）", "Collective income (yuan)") name="collective-income" value=income
                error=save.field("collective_income_fen") inputmode="decimal"/>
            <p class="muted" role="status">{move || save.summary()}</p>
            <button type="submit" class="primary" disabled=move || save.pending()><T zh="保存" en="Save"/></button>
        </form>
    }
}

#[component]
fn History(history: Vec<ProfileChange>) -> impl IntoView {
    let line = |p: &VillageProfile| {
        format!(
            "{}，人口 {}，收入 {} 万元",
            if p.is_poor_village { "贫困村" } else { "非贫困村" },
            p.rural_population,
            wan(p.collective_income_fen)
        )
    };
    let rows = history
        .iter()
        .map(|c| {
            let before = c.before.as_ref().map_or_else(|| "（新建）".to_owned(), line);
            view! {
                <li class="row"><div class="grow small">
                    <strong>{c.year}<T zh=" 年" en=""/></strong>" · "{before}" → "{line(&c.after)}
                    <div class="muted">{c.at.format("%Y-%m-%d %H:%M").to_string()}" · "{c.username.clone().unwrap_or_default()}</div>
                </div></li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <h2><T zh="修改记录" en="History"/></h2>
        {if rows.is_empty() {
            view! { <p class="empty"><T zh="尚无修改" en="No change yet"/></p> }.into_any()
        } else {
            view! { <ul class="rows">{rows}</ul> }.into_any()
        }}
    }
}
