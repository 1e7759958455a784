//! `jingzhun`: the server binary. `serve` runs the API and the frontend, `migrate` brings a
//! database's schema up to date, `user add` creates an account from the shell.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use jingzhun::auth::Argon2Gate;
use jingzhun::config::Config;
use jingzhun::{demo, services, startup};
use jingzhun_shared::Role;
use jingzhun_shared::newtypes::{Password, Username};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

#[derive(Parser)]
#[command(name = "jingzhun", version, about = "精准 — district poverty-alleviation information system")]
struct Cli {
    /// A TOML config file (default: ./jingzhun.toml when present).
    #[arg(long, global = true)]
    config: Option<PathBuf>,
    /// Database URL (overrides DATABASE_URL): sqlite://data/jingzhun.db?mode=rwc or postgres://…
    #[arg(long, global = true)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the API and the built frontend.
    Serve {
        /// Address to listen on (overrides JINGZHUN_BIND), e.g. 127.0.0.1:8080.
        #[arg(long)]
        bind: Option<String>,
        /// On an empty database, load the demo district and demo accounts.
        #[arg(long)]
        demo: bool,
    },
    /// Apply pending migrations and exit.
    Migrate,
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Create an account; the password comes from JINGZHUN_NEW_PASSWORD or is generated and printed.
    Add {
        #[arg(long)]
        username: String,
        /// admin, district_official, township_official, village_clerk, health_officer, enterprise, auditor
        #[arg(long)]
        role: String,
        /// The org unit's code or id.
        #[arg(long)]
        org_unit: String,
        #[arg(long)]
        display_name: Option<String>,
    },
}

#[actix_web::main]
async fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".into()),
        )
        .init();
    match run(Cli::parse()).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("jingzhun: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<(), String> {
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(url) = cli.database {
        config.database_url = url;
    }
    match cli.command {
        Command::Serve { bind, demo } => {
            if let Some(bind) = bind {
                config.bind = bind;
            }
            config.validate()?;
            serve(config, demo).await
        }
        Command::Migrate => {
            startup::connect_and_migrate(&config.database_url).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::User { command: UserCommand::Add { username, role, org_unit, display_name } } => {
            add_user(&config, &username, &role, &org_unit, display_name.as_deref()).await
        }
    }
}

async fn serve(config: Config, demo: bool) -> Result<(), String> {
    let db = startup::connect_and_prepare(&config.database_url, async |db| seed(db, &config, demo).await).await?;
    let running = startup::start(&config, db)?;
    println!("Jingzhun 正在运行 / listening: http://{}", display_addr(&config.bind, running.port));
    running.server.await.map_err(|e| e.to_string())
}

/// The demo, or on a first start without it the initial admin; run under the start lock, so
/// instances started at once seed once.
async fn seed(db: &sea_orm::DatabaseConnection, config: &Config, demo: bool) -> Result<(), String> {
    let db = db.clone();
    if demo {
        if demo::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示区划与账号（xx区）。Demo district and accounts loaded.");
        }
        if jingzhun::demo_registry::load(&db).await.map_err(|e| e.to_string())? {
            jingzhun::demo_villages::settle_populations(&db).await.map_err(|e| e.to_string())?;
            println!("已载入演示建档立卡数据。Demo registry loaded.");
        }
        if jingzhun::demo_funds::load(&db).await.map_err(|e| e.to_string())? {
            jingzhun::demo_villages::settle_incomes(&db, jingzhun::demo::DEMO_YEAR).await.map_err(|e| e.to_string())?;
            println!("已载入演示资金项目与产业扶贫数据。Demo funds and industry loaded.");
        }
        if jingzhun::demo_education::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示教育扶贫数据。Demo student aid loaded.");
        }
        if jingzhun::demo_employment::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示就业扶贫数据。Demo employment loaded.");
        }
        if jingzhun::demo_credit::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示扶贫小额信贷数据。Demo microcredit loaded.");
        }
        if jingzhun::demo_health::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示健康扶贫数据。Demo health records loaded.");
        }
        if jingzhun::demo_pairing::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示社会帮扶数据。Demo pairing assistance loaded.");
        }
        if jingzhun::demo_oversight::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示问题整改数据。Demo rectification loaded.");
        }
        let files =
            jingzhun::services::attachments::AttachmentStore::new(&config.data_dir, config.attachment_pdf_limit_mib);
        if jingzhun::demo_evidence::load(&db, &files).await.map_err(|e| e.to_string())? {
            println!("已生成演示整改佐证材料。Demo rectification evidence generated.");
        }
        if jingzhun::demo_projects::load(&db).await.map_err(|e| e.to_string())? {
            println!("已载入演示住房、社保与生态数据。Demo housing, social security and ecology loaded.");
        }
        if jingzhun::demo_warnings::load(&db).await.map_err(|e| e.to_string())? {
            println!("已运行演示年度返贫预警。Demo return-to-poverty warnings raised.");
        }
        println!("演示账号 Demo accounts (password `{}`):", demo::DEMO_PASSWORD);
        for (username, display_name, role, _) in demo::DEMO_USERS {
            println!("  {username:<11} {:<18} {display_name}", role.as_str());
        }
    } else if let Some(password) = demo::ensure_initial_admin(&db).await.map_err(|e| e.to_string())? {
        println!("首次启动：已创建管理员 admin，密码（仅显示这一次）：{password}");
        println!("First start: created `admin` with password (shown only once): {password}");
    }
    Ok(())
}

fn display_addr(bind: &str, port: u16) -> String {
    let host = bind.rsplit_once(':').map_or(bind, |(host, _)| host);
    format!("{host}:{port}")
}

async fn add_user(
    config: &Config,
    username: &str,
    role: &str,
    org_unit: &str,
    display_name: Option<&str>,
) -> Result<(), String> {
    use jingzhun::entities::org_unit;
    let username = Username::parse(username).map_err(|e| format!("--username: {e}"))?;
    let role: Role = role.parse().map_err(|e| format!("--role: {e}"))?;
    let db = startup::connect_and_migrate(&config.database_url).await?;
    let by_code = org_unit::Entity::find().filter(org_unit::Column::Code.eq(org_unit)).one(&db).await;
    let unit = match (by_code.map_err(|e| e.to_string())?, org_unit.parse::<i64>()) {
        (Some(unit), _) => unit,
        (None, Ok(id)) => org_unit::Entity::find_by_id(id)
            .one(&db)
            .await
            .map_err(|e| e.to_string())?
            .ok_or("--org-unit: no such unit")?,
        (None, Err(_)) => return Err("--org-unit: no unit with that code".to_owned()),
    };
    if unit.level != role.org_level() {
        return Err(format!("--org-unit: a {role} belongs to a {} unit", role.org_level()));
    }
    let (password, generated) = match std::env::var("JINGZHUN_NEW_PASSWORD") {
        Ok(p) => (Password::parse(&p).map_err(|e| format!("JINGZHUN_NEW_PASSWORD: {e}"))?, false),
        Err(_) => (
            Password::parse(&format!("{}-{}", jingzhun::random_token(8), jingzhun::random_token(8)))
                .map_err(|e| e.0)?,
            true,
        ),
    };
    let display_name = display_name.unwrap_or(username.as_str());
    services::org::users::insert(
        &db,
        &Argon2Gate::default(),
        &username,
        password.expose(),
        display_name,
        role,
        unit.id,
    )
    .await
    .map_err(|e| e.to_string())?;
    println!("created {} ({role}) in {}", username.as_str(), unit.name);
    if generated {
        println!("password (shown only once): {}", password.expose());
    }
    Ok(())
}
