//! The browser bundle: wasm32 release build → wasm-opt when installed → wasm-bindgen (as a
//! library, the same version as the frontend's) → content-hashed files in dist/.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::{Result, cargo, root, run_cmd, target_dir};

const TARGET: &str = "wasm32-unknown-unknown";

/// `erase_components` type-erases Leptos views, which makes the bundle markedly smaller.
pub const WASM_RUSTFLAGS: &str = "--cfg erase_components";

pub fn build_frontend() -> Result {
    ensure_target()?;
    run_cmd(
        cargo()
            .args(["build", "-p", "jingzhun-frontend", "--target", TARGET, "--profile", "wasm-release"])
            .env("CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS", WASM_RUSTFLAGS),
    )?;
    let root = root();
    let staging = target_dir().join("bundle");
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(|e| format!("create {}: {e}", staging.display()))?;
    let input = target_dir().join(format!("{TARGET}/wasm-release/jingzhun_frontend.wasm"));
    let out = staging.join("out");
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen
        .input_path(&input)
        .web(true)
        .map_err(|e| format!("wasm-bindgen: {e}"))?
        .omit_default_module_path(true)
        .typescript(false)
        .remove_name_section(true)
        .remove_producers_section(true)
        .generate(&out)
        .map_err(|e| format!("wasm-bindgen: {e:#}"))?;
    optimize(&out.join("jingzhun_frontend_bg.wasm"))?;
    write_dist(&out, &root.join("dist"))
}

fn ensure_target() -> Result {
    let installed = Command::new("rustup").args(["target", "list", "--installed"]).output();
    match installed {
        Ok(out) if String::from_utf8_lossy(&out.stdout).lines().any(|l| l.trim() == TARGET) => Ok(()),
        Ok(_) => run_cmd(Command::new("rustup").args(["target", "add", TARGET])),
        // Without rustup the target must come with the toolchain; cargo will say if it does not.
        Err(_) => Ok(()),
    }
}

fn optimize(wasm: &Path) -> Result {
    let available = Command::new("wasm-opt").arg("--version").output().is_ok_and(|o| o.status.success());
    if !available {
        eprintln!("note: wasm-opt not found (apt-get install binaryen); the bundle is larger without it");
        return Ok(());
    }
    let optimized = wasm.with_extension("opt.wasm");
    // The features Rust's wasm32 target emits by default; wasm-opt must accept them.
    let features = [
        "--enable-bulk-memory",
        "--enable-nontrapping-float-to-int",
        "--enable-sign-ext",
        "--enable-mutable-globals",
        "--enable-multivalue",
        "--enable-reference-types",
    ];
    let mut cmd = Command::new("wasm-opt");
    cmd.arg("-Oz").args(features).arg(wasm).arg("-o").arg(&optimized);
    run_cmd(&mut cmd)?;
    let mut bytes = std::fs::read(&optimized).map_err(|e| format!("read optimized wasm: {e}"))?;
    crate::wasm_fix::repoint_externref_export(&mut bytes)?;
    // Only the final wasm goes into dist/.
    std::fs::remove_file(&optimized).map_err(|e| format!("remove {}: {e}", optimized.display()))?;
    std::fs::write(wasm, bytes).map_err(|e| format!("write optimized wasm: {e}"))
}

/// Copies the bundle into `dist/assets/` under content-hashed names and writes index.html,
/// so browsers may cache assets forever and still never run a stale one.
fn write_dist(staging: &Path, dist: &Path) -> Result {
    let statics = root().join("frontend/static");
    let _ = std::fs::remove_dir_all(dist);
    let assets = dist.join("assets");
    copy_tree(staging, &assets)?;
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("read {}: {e}", p.display()));
    let write = |p: &Path, bytes: &[u8]| std::fs::write(p, bytes).map_err(|e| format!("write {}: {e}", p.display()));

    let wasm_bytes = read(&assets.join("jingzhun_frontend_bg.wasm"))?;
    let wasm_name = format!("app-{}.wasm", short_hash(&wasm_bytes));
    std::fs::rename(assets.join("jingzhun_frontend_bg.wasm"), assets.join(&wasm_name)).map_err(|e| e.to_string())?;
    let js_bytes = read(&assets.join("jingzhun_frontend.js"))?;
    let js_name = format!("app-{}.js", short_hash(&js_bytes));
    std::fs::rename(assets.join("jingzhun_frontend.js"), assets.join(&js_name)).map_err(|e| e.to_string())?;

    let boot = String::from_utf8_lossy(&read(&statics.join("boot.js"))?)
        .replace("{{js}}", &js_name)
        .replace("{{wasm}}", &wasm_name);
    let boot_name = format!("boot-{}.js", short_hash(boot.as_bytes()));
    write(&assets.join(&boot_name), boot.as_bytes())?;
    let css = read(&statics.join("app.css"))?;
    let css_name = format!("app-{}.css", short_hash(&css));
    write(&assets.join(&css_name), &css)?;
    let index = String::from_utf8_lossy(&read(&statics.join("index.html"))?)
        .replace("{{css}}", &css_name)
        .replace("{{boot}}", &boot_name);
    write(&dist.join("index.html"), index.as_bytes())?;

    report(&precompress(&assets)?, index.len())
}

/// One file of the bundle and what travels for it: raw, gzip -9 and brotli -11 sizes in bytes.
struct Sizes {
    name: String,
    raw: usize,
    gzip: usize,
    brotli: usize,
}

/// Writes `NAME.br` (brotli, quality 11) and `NAME.gz` (gzip, level 9) beside every file of
/// `assets`: the server sends the smallest one the browser accepts instead of compressing on
/// the fly at a low level.
fn precompress(assets: &Path) -> Result<Vec<Sizes>> {
    let mut sizes = Vec::new();
    let entries = std::fs::read_dir(assets).map_err(|e| format!("read {}: {e}", assets.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("read {}: {e}", path.display()))?;
        let (gz, br) = (gzip(&bytes)?, brotli(&bytes)?);
        let beside = |ext: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(ext);
            std::path::PathBuf::from(name)
        };
        std::fs::write(beside(".gz"), &gz).map_err(|e| format!("write gzip copy: {e}"))?;
        std::fs::write(beside(".br"), &br).map_err(|e| format!("write brotli copy: {e}"))?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        sizes.push(Sizes { name, raw: bytes.len(), gzip: gz.len(), brotli: br.len() });
    }
    sizes.sort_by_key(|s| std::cmp::Reverse(s.raw));
    Ok(sizes)
}

/// Prints each file's sizes and what the login page transfers with an empty cache: index.html
/// and every asset, brotli where the browser accepts it (every browser in use does).
fn report(sizes: &[Sizes], index_len: usize) -> Result {
    let kb = |n: usize| format!("{:.1}", n as f64 / 1024.0);
    eprintln!("bundle (KB)            raw     gzip   brotli");
    for s in sizes {
        eprintln!("  {:<18} {:>8} {:>8} {:>8}", s.name, kb(s.raw), kb(s.gzip), kb(s.brotli));
    }
    let sum = |f: fn(&Sizes) -> usize| sizes.iter().map(f).sum::<usize>();
    eprintln!(
        "  {:<18} {:>8} {:>8} {:>8}",
        "all assets",
        kb(sum(|s| s.raw)),
        kb(sum(|s| s.gzip)),
        kb(sum(|s| s.brotli))
    );
    eprintln!(
        "login page transfer with an empty cache: {} KB (brotli assets + index.html {} B)",
        kb(sum(|s| s.brotli) + index_len),
        index_len
    );
    Ok(())
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).map_err(|e| format!("gzip: {e}"))?;
    encoder.finish().map_err(|e| format!("gzip: {e}"))
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 24, ..Default::default() };
    let mut out = Vec::new();
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| format!("brotli: {e}"))?;
    Ok(out)
}

fn copy_tree(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("create {}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("read {}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| format!("copy {}: {e}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// FNV-1a, 32 bits in hex: enough to tell bundle versions apart.
fn short_hash(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(*b)).wrapping_mul(0x0100_0193));
    format!("{hash:08x}")
}
