package io.omnigraph.server.http;

import io.javalin.http.Context;
import io.omnigraph.server.api.WireJson;

/** Writing successful responses. */
final class Responses {
    private Responses() {
    }

    /** 200 with a JSON body. */
    static void json(Context ctx, Object body) {
        ctx.status(200);
        ctx.contentType("application/json");
        ctx.result(WireJson.write(body));
    }
}
