//! The bulk insert every import writes through (`services::bulk`): on PostgreSQL each column
//! travels as one array literal, so text that looks like the literal's own syntax — quotes,
//! backslashes, commas, braces, the word NULL — and real NULLs must come back exactly as given,
//! with ids answered in the order of the rows.

use chrono::{TimeZone, Utc};
use jingzhun::entities::audit_event;
use jingzhun::services::bulk;
use sea_orm::ActiveValue::Set;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::helpers::TestApp;

const AWKWARD: [&str; 9] =
    [r#"他说"好""#, r"C:\path\to\file", "a,b,c", "{1,2}", "NULL", "", "line one\nline two", r#"\"both\""#, " spaced "];

#[tokio::test]
async fn awkward_text_and_nulls_go_in_and_come_back_exactly_with_ids_in_row_order() {
    let app = TestApp::spawn_empty().await;
    let at = Utc.with_ymd_and_hms(2020, 9, 30, 23, 59, 58).single().expect("time");
    let rows: Vec<audit_event::ActiveModel> = (0..2_000)
        .map(|n| {
            let text = AWKWARD[n % AWKWARD.len()];
            audit_event::ActiveModel {
                at: Set(at),
                user_id: Set((n % 3 != 0).then_some(n as i64)),
                username: Set((n % 2 == 0).then(|| text.to_owned())),
                action: Set("bulk-test".to_owned()),
                entity: Set(text.to_owned()),
                entity_id: Set(Some(n.to_string())),
                before: Set(None),
                after: Set(Some(format!(r#"{{"n": {n}, "text": {}}}"#, serde_json::json!(text)))),
                ..Default::default()
            }
        })
        .collect();

    let ids = bulk::insert_returning_ids(&app.db, rows).await.expect("inserted");

    let stored = audit_event::Entity::find()
        .filter(audit_event::Column::Action.eq("bulk-test"))
        .order_by_asc(audit_event::Column::Id)
        .all(&app.db)
        .await
        .expect("read back");
    assert_eq!(stored.len(), 2_000);
    assert_eq!(ids, stored.iter().map(|e| e.id).collect::<Vec<_>>(), "ids in the order of the rows");
    for (n, e) in stored.iter().enumerate() {
        let text = AWKWARD[n % AWKWARD.len()];
        assert_eq!(e.entity, text, "row {n}");
        assert_eq!(e.username.as_deref(), (n % 2 == 0).then_some(text), "row {n}");
        assert_eq!(e.user_id, (n % 3 != 0).then_some(n as i64), "row {n}");
        assert_eq!(e.entity_id.as_deref(), Some(n.to_string().as_str()));
        assert_eq!(e.before, None);
        assert_eq!(e.at, at);
        let after: serde_json::Value = serde_json::from_str(e.after.as_deref().expect("after")).expect("json");
        assert_eq!(after["text"], text);
    }
}
