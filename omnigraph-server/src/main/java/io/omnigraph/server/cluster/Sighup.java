package io.omnigraph.server.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code SIGHUP} ⇒ reload, where the platform supports it. Uses {@code sun.misc.Signal} (jdk.unsupported) through
 * reflection, guarded: on platforms or runtimes without it (Windows, restricted JVMs) the server logs that SIGHUP is
 * unavailable and relies on polling and {@code POST /admin/reload}. The reload runs on its own virtual thread, never
 * on the signal dispatcher.
 */
final class Sighup {
    private static final Logger LOG = LoggerFactory.getLogger(Sighup.class);

    private Sighup() {
    }

    static void install(Runnable reload) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance("HUP");
            Object handler = java.lang.reflect.Proxy.newProxyInstance(Sighup.class.getClassLoader(),
                    new Class<?>[]{handlerClass}, (proxy, method, args) -> {
                        if (method.getName().equals("handle")) {
                            LOG.info("SIGHUP received; reloading");
                            Thread.ofVirtual().name("omnigraph-sighup-reload").start(reload);
                            return null;
                        }
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            case "toString" -> "omnigraph SIGHUP handler";
                            default -> null;
                        };
                    });
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, handler);
            LOG.info("SIGHUP reloads the applied cluster revision");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            Throwable cause = e instanceof java.lang.reflect.InvocationTargetException ite ? ite.getCause() : e;
            LOG.warn("SIGHUP reload is not available on this platform ({}); use POST /admin/reload or ledger polling",
                    cause);
        }
    }
}
