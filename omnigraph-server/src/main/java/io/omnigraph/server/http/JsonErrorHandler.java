package io.omnigraph.server.http;

import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.error.ApiException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's error page for failures that never reach Javalin (unparseable request line, ambiguous URI, header too
 * large, …): an {@code ErrorOutput} JSON body instead of Jetty's HTML page, never a stack trace, and
 * {@code Connection: close} (Jetty closes such connections; without the header a keep-alive client would reuse it).
 */
final class JsonErrorHandler extends ErrorHandler {
    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        // bad input never gets a 5xx: an unsupported protocol version is the client's problem
        int status = code == 505 ? 400 : code;
        if (status != code) {
            response.setStatus(status);
        }
        ApiException error = ErrorResponses.forStatus(status, code == 505 ? "unsupported HTTP version" : sanitize(message));
        byte[] body = WireJson.write(error.body());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        // Jetty closes the connection after a request it could not parse or route; say so, so keep-alive clients
        // (java.net.http among them) do not send the next request down a closing socket
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        if ("HEAD".equals(request.getMethod())) {
            callback.succeeded();
            return;
        }
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    private static String sanitize(String message) {
        if (message == null) {
            return null;
        }
        String oneLine = message.replaceAll("[\\r\\n\\t]+", " ").trim();
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
