package io.omnigraph.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Registers routes with Javalin and remembers them, so the server can answer 405 with an {@code Allow} header
 * (instead of 404) for a known path with the wrong method, and so tests can compare the table with openapi.json.
 */
final class Router {
    /** One registered route: HTTP method and path template ({@code /graphs/{graph_id}/query}). */
    record Route(String method, String path, Pattern pattern) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    Router(RoutesConfig routes) {
        this.routes = routes;
    }

    /**
     * GET plus a HEAD route running the same handler (Jetty drops the body). Without the explicit HEAD, Javalin
     * answers HEAD for GET routes with an empty 200 without running the handler — not even the graph resolver.
     */
    void get(String path, Handler handler) {
        add(HandlerType.GET, path, handler);
        routes.addHttpHandler(HandlerType.HEAD, path, handler);
    }

    /** GET only; the caller registers its own HEAD handler with {@link #head}. */
    void getWithOwnHead(String path, Handler handler) {
        add(HandlerType.GET, path, handler);
    }

    void head(String path, Handler handler) {
        add(HandlerType.HEAD, path, handler);
    }

    void post(String path, Handler handler) {
        add(HandlerType.POST, path, handler);
    }

    void delete(String path, Handler handler) {
        add(HandlerType.DELETE, path, handler);
    }

    private void add(HandlerType type, String path, Handler handler) {
        routes.addHttpHandler(type, path, handler);
        registered.add(new Route(type.name().toUpperCase(Locale.ROOT), path, compile(path)));
    }

    List<Route> routes() {
        return List.copyOf(registered);
    }

    /** Methods registered for a concrete request path (empty when the path is unknown). */
    TreeSet<String> allowedMethods(String requestPath) {
        String p = requestPath.length() > 1 && requestPath.endsWith("/")
                ? requestPath.substring(0, requestPath.length() - 1) : requestPath;
        TreeSet<String> methods = new TreeSet<>();
        for (Route r : registered) {
            if (r.pattern().matcher(p).matches()) {
                methods.add(r.method());
                if (r.method().equals("GET")) {
                    methods.add("HEAD");
                }
            }
        }
        return methods;
    }

    private static Pattern compile(String template) {
        StringBuilder regex = new StringBuilder();
        for (String part : template.split("(?=\\{)|(?<=\\})")) {
            if (part.startsWith("{") && part.endsWith("}")) {
                regex.append("[^/]+");
            } else {
                regex.append(Pattern.quote(part));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
