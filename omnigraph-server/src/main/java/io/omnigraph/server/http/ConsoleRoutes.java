package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.console.ConsoleAssets;
import io.omnigraph.server.error.ApiException;

/**
 * The branch-review console at {@code /ui}: static files from the classpath ({@link ConsoleAssets}), public (the
 * bearer middleware skips {@code /ui}; the files hold no data). The single-page app signs in with a bearer token kept
 * in {@code sessionStorage} and calls the public API, so every data access passes the same authentication and policy
 * gate as any other client. {@code /ui} redirects to {@code /ui/}; unknown files are a JSON 404.
 */
final class ConsoleRoutes {
    /** Same-origin only: no external scripts, fonts, frames or connections. */
    static final String CSP = "default-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; "
            + "style-src 'self' 'unsafe-inline'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private ConsoleRoutes() {
    }

    static void register(Router router, ConsoleAssets assets) {
        // Javalin matches "/ui/" to "/ui" (trailing slashes are ignored): the entry page needs the slash so the
        // bundle's relative links resolve under /ui/
        router.get("/ui", ctx -> {
            if (ctx.path().endsWith("/")) {
                serve(ctx, assets, ConsoleAssets.INDEX);
            } else {
                ctx.status(301);
                ctx.header("Location", "/ui/");
                ctx.result("");
            }
        });
        router.get("/ui/<path>", ctx -> serve(ctx, assets, ctx.pathParam("path")));
    }

    /** Whether {@code path} belongs to the console (public, no bearer token needed). */
    static boolean isConsolePath(String path) {
        return path.equals("/ui") || path.startsWith("/ui/");
    }

    private static void serve(Context ctx, ConsoleAssets assets, String name) {
        ConsoleAssets.Asset asset = assets.find(name.isEmpty() ? ConsoleAssets.INDEX : name).orElseThrow(() ->
                assets.bundled() ? ApiException.notFound("no console file '" + Bodies.clip(name) + "'")
                        : ApiException.notFound("the review console is not bundled in this build: build omnigraph-server"
                        + " with Node.js and npm on the PATH (the Maven build runs `npm ci` and `npm run build`)"));
        ctx.header("Content-Security-Policy", CSP);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("ETag", asset.etag());
        ctx.header("Cache-Control", asset.immutable() ? "public, max-age=31536000, immutable" : "no-cache");
        String inm = ctx.header("If-None-Match");
        if (inm != null && inm.equals(asset.etag())) {
            ctx.status(304);
            ctx.result("");
            return;
        }
        ctx.status(200);
        ctx.contentType(asset.contentType());
        ctx.result(asset.bytes());
    }
}
