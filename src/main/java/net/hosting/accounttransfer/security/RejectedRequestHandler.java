package net.hosting.accounttransfer.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses is answered as the client's mistake, never as the container's HTML
 * report: a method no address here serves ({@code TRACE}, {@code PROPFIND}, ...) gets 405 problem+json (S6, S11),
 * written here since the servlet's own {@code doTrace} would answer the error dispatch; anything else (an encoded
 * NUL or slash in the path, ...) is a 400 like any other malformed request, answered by the error controller.
 */
@Component
class RejectedRequestHandler implements RequestRejectedHandler {

    /** The methods the firewall lets through; every address serves a subset of them. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private final ObjectMapper json;

    RejectedRequestHandler(ObjectMapper json) {
        this.json = json;
    }

    /** Spring Security's own firewall, with its list of methods stated here, where the answer to others is. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHttpMethods(METHODS);
        return firewall;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            RequestRejectedException requestRejectedException) throws IOException {
        if (!METHODS.contains(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", METHODS.stream().sorted().toList()));
            SecurityConfiguration.writeProblem(response, json, HttpStatus.METHOD_NOT_ALLOWED,
                    "No address here accepts " + request.getMethod() + ".");
            return;
        }
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
