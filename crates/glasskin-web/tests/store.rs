//! The router over any `Store`: here one whose storage always fails. The API answers 500 with
//! `storage` and the pages a 500, never a page that pretends all is well.

use axum::body::Body;
use axum::http::{Request, header};
use glasskin_store::{
    Checkoff, Device, DeviceId, DiaryEntry, Export, LifestyleEntry, NewProduct, PatchTest,
    ProductId, Reaction, Result, Revision, SavedPlan, ShelfProduct, Status, Store, StoreError,
    StoredProfile,
};
use jiff::civil::Date;
use tower::ServiceExt;

/// A store whose disk is gone.
struct Broken;

fn broken<T>() -> Result<T> {
    Err(StoreError::Database("disk I/O error".into()))
}

#[rustfmt::skip]
impl Store for Broken {
    fn profile(&self) -> Result<Option<StoredProfile>> { broken() }
    fn set_profile(&mut self, _: &StoredProfile, _: Date) -> Result<()> { broken() }
    fn add_product(&mut self, _: &NewProduct, _: Date) -> Result<ProductId> { broken() }
    fn products(&self) -> Result<Vec<ShelfProduct>> { broken() }
    fn product(&self, _: ProductId) -> Result<ShelfProduct> { broken() }
    fn edit_product(&mut self, _: ProductId, _: &NewProduct, _: Date) -> Result<()> { broken() }
    fn open_product(&mut self, _: ProductId, _: Date, _: Option<u16>, _: Date) -> Result<()> { broken() }
    fn set_status(&mut self, _: ProductId, _: Status, _: Option<&str>, _: Date) -> Result<()> { broken() }
    fn set_tested(&mut self, _: ProductId) -> Result<()> { broken() }
    fn remove_product(&mut self, _: ProductId) -> Result<()> { broken() }
    fn log_diary(&mut self, _: &DiaryEntry, _: Date) -> Result<()> { broken() }
    fn diary(&self) -> Result<Vec<DiaryEntry>> { broken() }
    fn log_lifestyle(&mut self, _: &LifestyleEntry, _: Date) -> Result<()> { broken() }
    fn log_day(&mut self, _: &DiaryEntry, _: Option<&LifestyleEntry>, _: Date) -> Result<()> { broken() }
    fn lifestyle(&self) -> Result<Vec<LifestyleEntry>> { broken() }
    fn save_plan(&mut self, _: &SavedPlan) -> Result<i64> { broken() }
    fn latest_plan(&self) -> Result<Option<SavedPlan>> { broken() }
    fn check_off(&mut self, _: &Checkoff, _: bool, _: Date) -> Result<()> { broken() }
    fn checkoffs_since(&self, _: Date) -> Result<Vec<Checkoff>> { broken() }
    fn start_patch_test(&mut self, _: ProductId, _: &str, _: Date) -> Result<i64> { broken() }
    fn check_patch(&mut self, _: Date, _: Reaction, _: Date) -> Result<PatchTest> { broken() }
    fn end_patch_test(&mut self, _: Date) -> Result<PatchTest> { broken() }
    fn patch_tests(&self) -> Result<Vec<PatchTest>> { broken() }
    fn export(&self) -> Result<Export> { broken() }
    fn import(&mut self, _: &Export, _: Date) -> Result<()> { broken() }
    fn add_device(&mut self, _: &str, _: &[u8], _: jiff::Timestamp) -> Result<Device> { broken() }
    fn device_seen(&mut self, _: &[u8], _: jiff::Timestamp) -> Result<Option<Device>> { broken() }
    fn devices(&self) -> Result<Vec<Device>> { broken() }
    fn rename_device(&mut self, _: DeviceId, _: &str) -> Result<bool> { broken() }
    fn remove_device(&mut self, _: DeviceId) -> Result<bool> { broken() }
    fn revision(&self) -> Result<Revision> { broken() }
}

#[test]
fn a_failing_store_is_a_server_error_at_every_door() {
    let router = glasskin_web::router(glasskin_web::AppState::new(Broken));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let get = |path: &str| {
        let request = Request::get(path)
            .header(header::HOST, "127.0.0.1:8080")
            .body(Body::empty())
            .expect("request");
        runtime.block_on(async {
            let response = router.clone().oneshot(request).await.expect("answers");
            let status = response.status().as_u16();
            let body = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .expect("body");
            (status, String::from_utf8_lossy(&body).into_owned())
        })
    };
    for path in [
        "/api/products",
        "/api/profile",
        "/api/today",
        "/api/insights",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 500, "{path}: {body}");
        assert!(body.contains("\"code\":\"storage\""), "{path}: {body}");
    }
    for path in [
        "/shelf",
        "/profile",
        "/today",
        "/week",
        "/diary",
        "/insights",
    ] {
        let (status, body) = get(path);
        assert_eq!(status, 500, "{path}: {body}");
        assert!(body.contains("disk I/O error"), "{path}: {body}");
    }
    // Pages that need no store still answer.
    assert_eq!(get("/").0, 200);
    assert_eq!(get("/tips").0, 200);
}
