package io.omnigraph.server.http;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.api.WireJson;
import io.omnigraph.server.auth.Authenticator;
import io.omnigraph.server.auth.BearerTokens;
import io.omnigraph.server.authz.Authorizer;
import io.omnigraph.server.authz.RuntimeState;
import io.omnigraph.server.authz.RuntimeStateRefusal;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.error.ApiException;
import io.omnigraph.server.port.ServedCluster;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The HTTP server of one cluster: Javalin 7 on Jetty 12 with virtual threads, serving every route of
 * {@code openapi.json} over a {@link ServedCluster}.
 *
 * <p>Request pipeline (cluster-server spec §4.4): public routes ({@code /healthz}, {@code /openapi.json}) →
 * bearer middleware (401) → graph resolver (400 bad id / 404 unknown graph) → handler: body decoding
 * (413/415/400) → policy gate (403) → route checks → admission (429) → backend. Every failure, including the
 * framework's and Jetty's own, is an {@code ErrorOutput} JSON body.
 */
public final class OmnigraphServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OmnigraphServer.class);
    /** Prefix of the single stdout line printed after binding. */
    public static final String LISTEN_ADDR_PREFIX = "OMNIGRAPH_LISTEN_ADDR=";

    private final Javalin app;
    private final Router router;
    private final RuntimeState state;
    private final InetSocketAddress address;
    private final ServerConfig config;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);

    private OmnigraphServer(Javalin app, Router router, RuntimeState state, InetSocketAddress address,
                            ServerConfig config) {
        this.app = app;
        this.router = router;
        this.state = state;
        this.address = address;
        this.config = config;
    }

    /**
     * Classifies the runtime state, builds the routes and binds. Prints nothing (see {@link ServerRunner}).
     *
     * @throws ServerStartException when the auth/policy combination must be refused or the address cannot be bound
     */
    public static OmnigraphServer start(ServerConfig config, BearerTokens tokens, ServedCluster cluster)
            throws ServerStartException {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(cluster, "cluster");
        RuntimeState state;
        try {
            state = RuntimeState.classify(!tokens.isEmpty(), cluster.anyPolicy(), config.unauthenticated());
        } catch (RuntimeStateRefusal refusal) {
            throw new ServerStartException(refusal.getMessage());
        }
        cluster.quarantined().forEach(q -> LOG.warn("graph '{}' is quarantined and not served: {}", q.graphId(),
                q.reason()));
        boolean hasTokens = !tokens.isEmpty();
        RuntimeState bootState = state;
        // hot reload may add or remove every bundle: DefaultDeny <-> PolicyEnabled (authentication itself never changes)
        Authorizer authorizer = new Authorizer(() -> {
            try {
                return RuntimeState.classify(hasTokens, cluster.anyPolicy(), config.unauthenticated());
            } catch (RuntimeStateRefusal refusal) {
                return bootState;
            }
        });
        Services services = new Services(config, cluster, new Authenticator(tokens, state.requiresAuth()),
                authorizer, new AdmissionControl(config.limits().perActorInFlightMax(),
                config.limits().perActorBytesMax()), OpenApiDocument.load(state.requiresAuth()));

        Router[] routerRef = new Router[1];
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.concurrency.useVirtualThreads = true;
            cfg.http.prefer405over404 = false;
            cfg.http.generateEtags = false;
            cfg.http.maxRequestSize = config.limits().loadBodyBytes();
            cfg.http.compressionStrategy = CompressionStrategy.NONE;
            cfg.http.defaultContentType = "application/json";
            cfg.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonErrorHandler());
                server.setStopTimeout(config.shutdownGrace().toMillis());
            });
            cfg.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setSendXPoweredBy(false);
                // Jetty's per-connection header cache matches values case-insensitively by default and hands back
                // the first spelling it saw: on a keep-alive connection "Bearer S3CRET" would then authenticate as
                // "Bearer s3cret". Tokens and the scheme are case-sensitive, so the cache must be too.
                http.setHeaderCacheCaseSensitive(true);
            });
            cfg.router.javaLangErrorHandler((res, error) -> {
                LOG.error("fatal error while serving a request", error);
                try {
                    res.setStatus(500);
                    res.setContentType("application/json");
                    res.getOutputStream().write(WireJson.write(
                            ApiException.internal("internal server error; see the server log").body()));
                } catch (IOException | RuntimeException ignored) {
                    // the connection is unusable; nothing more to do
                }
            });

            Router router = new Router(cfg.routes);
            routerRef[0] = router;
            cfg.routes.before(ctx -> authenticate(ctx, services));
            cfg.routes.exception(Exception.class, (e, ctx) -> ErrorResponses.write(ctx,
                    ErrorResponses.toApiException(e, ctx, router)));
            // the framework's own 404/405/413… go through its HttpResponseException mapper unless claimed here
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> ErrorResponses.write(ctx,
                    ErrorResponses.toApiException(e, ctx, router)));

            MetaRoutes.register(router, services);
            ReadRoutes.register(router, services);
            WriteRoutes.register(router, services);
            StoredQueryRoutes.register(router, services);
            StreamRoutes.register(router, services);
            BlobRoutes.register(router, services);
            AdminRoutes.register(router, services);
            McpRoutes.register(router, services);
            ConsoleRoutes.register(router, new io.omnigraph.server.console.ConsoleAssets());
        });
        try {
            app.start(config.bind().host(), config.bind().port());
        } catch (RuntimeException e) {
            app.stop();
            throw new ServerStartException("cannot listen on " + config.bind() + ": " + rootMessage(e)
                    + "; choose another address with --bind HOST:PORT (port 0 picks a free port)");
        }
        Server jetty = app.jettyServer().server();
        NetworkConnector connector = null;
        for (Connector c : jetty.getConnectors()) {
            if (c instanceof ServerConnector sc) {
                sc.setIdleTimeout(config.idleTimeout().toMillis());
            }
            if (connector == null && c instanceof NetworkConnector nc) {
                connector = nc;
            }
        }
        int port = connector == null ? app.port() : connector.getLocalPort();
        InetSocketAddress address = new InetSocketAddress(resolve(config.bind().host()), port);
        LOG.info("serving {} graph(s) on {} in {} mode", cluster.graphs().size(), format(address), state);
        return new OmnigraphServer(app, routerRef[0], state, address, config);
    }

    /** The bound address (the real port when 0 was requested). */
    public InetSocketAddress address() {
        return address;
    }

    /** {@code OMNIGRAPH_LISTEN_ADDR=<ip:port>} for the bound address. */
    public String listenAddressLine() {
        return LISTEN_ADDR_PREFIX + format(address);
    }

    /** Base URL for clients, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return "http://" + format(address);
    }

    public RuntimeState runtimeState() {
        return state;
    }

    /** Every registered route as {@code "METHOD /path/{template}"}. */
    public List<String> routes() {
        return router.routes().stream().map(r -> r.method() + " " + r.path()).toList();
    }

    /** Stops accepting connections, lets in-flight requests finish (up to the shutdown grace), then stops. */
    @Override
    public void close() {
        if (stopped.compareAndSet(false, true)) {
            LOG.info("shutting down (grace {} s)", config.shutdownGrace().toSeconds());
            try {
                app.stop();
            } finally {
                terminated.countDown();
            }
        }
    }

    /** Blocks until {@link #close()} completed. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private static void authenticate(Context ctx, Services services) {
        String path = ctx.path();
        if (path.equals("/healthz") || path.equals("/openapi.json") || path.equals("/healthz/")
                || ConsoleRoutes.isConsolePath(path)) {
            return;
        }
        List<String> values = Collections.list(ctx.req().getHeaders("Authorization"));
        ctx.attribute(Caller.ATTRIBUTE, new Caller(services.authenticator().authenticate(values)));
        rejectMalformedPercentEncoding("path", ctx.req().getRequestURI());
        String query = ctx.req().getQueryString();
        if (query != null) {
            rejectMalformedPercentEncoding("query string", query);
        }
    }

    /**
     * The router decodes path parameters with {@link java.net.URLDecoder}, which throws on a {@code %} not followed by
     * two hex digits (e.g. {@code /graphs/%u006b/snapshot}); that surfaced as a 500. Such a path is the client's
     * mistake: 400 before routing. The query string gets the same check: there the server silently dropped such a
     * parameter, so {@code ?branch=%zz} was answered from {@code main}.
     */
    static void rejectMalformedPercentEncoding(String where, String raw) {
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '%' && (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0
                    || Character.digit(raw.charAt(i + 2), 16) < 0)) {
                throw ApiException.badRequest("malformed percent-encoding at offset " + i + " of the request " + where
                        + ": every `%` must be followed by two hex digits (write a literal `%` as `%25`)");
            }
        }
    }

    static String format(InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static InetAddress resolve(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
