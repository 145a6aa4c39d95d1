package io.omnigraph.server.http;

import io.omnigraph.server.admission.AdmissionControl;
import io.omnigraph.server.auth.Authenticator;
import io.omnigraph.server.authz.Authorizer;
import io.omnigraph.server.config.ServerConfig;
import io.omnigraph.server.port.ServedCluster;

/** What route handlers share. */
record Services(ServerConfig config, ServedCluster cluster, Authenticator authenticator, Authorizer authorizer,
                AdmissionControl admission, OpenApiDocument openApi) {
}
