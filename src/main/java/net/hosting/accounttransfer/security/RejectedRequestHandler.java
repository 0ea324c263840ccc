package net.hosting.accounttransfer.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (an encoded NUL or slash in the path, ...) is a 400 like any other
 * malformed request, answered by the error controller, instead of an exception that ends in the
 * container's own HTML report.
 */
@Component
class RejectedRequestHandler implements RequestRejectedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
            RequestRejectedException requestRejectedException) throws IOException {
        response.sendError(HttpServletResponse.SC_BAD_REQUEST);
    }
}
