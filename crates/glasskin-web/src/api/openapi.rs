//! The OpenAPI document's assembly: its front matter, and what every operation answers that the
//! handlers' own descriptions leave out (the `/api` prefix, the errors of a body).

use utoipa::openapi::OpenApi;
use utoipa::openapi::path::{Operation, PathItem};

/// The handlers' paths under `/api`, where they are nested, and every operation that takes a
/// body declaring what the JSON extractor and the body limit answer.
pub(super) fn under_api(mut doc: OpenApi) -> OpenApi {
    doc.paths.paths = std::mem::take(&mut doc.paths.paths)
        .into_iter()
        .map(|(path, mut item)| {
            for operation in operations(&mut item) {
                if operation.request_body.is_some() {
                    declare_body_errors(operation);
                }
            }
            (format!("/api{path}"), item)
        })
        .collect();
    doc
}

fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.patch,
    ]
    .into_iter()
    .flatten()
}

/// What the JSON extractor and the body limit answer for every operation that takes a body.
fn declare_body_errors(operation: &mut Operation) {
    use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
    let error = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
            .build()
    };
    let responses = &mut operation.responses.responses;
    responses
        .entry("400".into())
        .or_insert_with(|| error("The body is not JSON").into());
    responses
        .entry("413".into())
        .or_insert_with(|| error("The body is over the size limit (2 MB)").into());
    responses
        .entry("415".into())
        .or_insert_with(|| error("The content type is not application/json").into());
    responses
        .entry("422".into())
        .or_insert_with(|| error("The JSON does not have the expected fields and types").into());
}

/// The document's front matter.
pub(super) fn document() -> OpenApi {
    use utoipa::openapi::{InfoBuilder, LicenseBuilder, OpenApiBuilder};
    OpenApiBuilder::new()
        .info(
            InfoBuilder::new()
                .title("glasskin")
                .version(env!("CARGO_PKG_VERSION"))
                .description(Some(
                    "glasskin's local JSON API: analyse ingredient labels, keep a shelf and a \
                     profile, plan the week, tick off steps, keep a skin diary and lifestyle log, \
                     and read the insights. Errors are {\"error\": {\"code\", \"message\"}}. \
                     The shapes of analyses and plans are described in docs/json.md and \
                     docs/plan.md. Ingredient data: European Commission, CosIng (CC BY 4.0).",
                ))
                .license(Some(
                    LicenseBuilder::new()
                        .name("MIT OR Apache-2.0")
                        .identifier(Some("MIT OR Apache-2.0"))
                        .build(),
                ))
                .build(),
        )
        .build()
}
